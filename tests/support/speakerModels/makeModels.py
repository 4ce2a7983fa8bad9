"""Synthetic ONNX models sherpa-onnx loads, for tests (no pretrained weights can be fetched here).

segmentation: fixed filters over one window of samples -> pyannote powerset classes per frame:
  silence when the frame's energy is low, else local speaker 0 or 1 by the share of energy
  below LOW_HZ (a low-pitched voice puts more of it there).
embedding: the time-mean of sherpa's fbank features, centred and normalised (a voice's average
  spectral envelope); 'constant' outputs one vector whatever it hears (the control).
bad-metadata: a segmentation graph without the metadata sherpa needs.

Usage: /usr/bin/python3 makeModels.py OUT_DIR   (writes segmentation.onnx, embedding.onnx,
constant-embedding.onnx, bad-metadata.onnx)
"""
import math
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

SAMPLE_RATE = 16000
WINDOW = 16000 * 10
FIELD = 991
SHIFT = 270
LOW_HZ = 150.0
TAPS = 401
SHARE_FIELD = 4000
# Frame power (samples in [-1, 1]) above which a frame is speech.
SPEECH_POWER = 1e-4
# Share of energy below LOW_HZ (log) that separates the two local speakers.
LOW_SHARE_LOG = -4.7
SHARPNESS = 4.0
EMBEDDING_DIM = 80


def const(name, array):
    return numpy_helper.from_array(np.asarray(array, dtype=np.float32), name)


def lowpass_taps():
    n = np.arange(TAPS) - (TAPS - 1) / 2
    fc = LOW_HZ / SAMPLE_RATE
    taps = 2 * fc * np.sinc(2 * fc * n) * np.hamming(TAPS)
    return (taps / taps.sum()).reshape(1, 1, TAPS)


def model(graph, metadata):
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid('', 13)])
    m.ir_version = 8
    for key, value in metadata.items():
        entry = m.metadata_props.add()
        entry.key = key
        entry.value = str(value)
    onnx.checker.check_model(m)
    return m


def segmentation_graph():
    half = (TAPS - 1) // 2
    # The voice's share of low energy is averaged over a longer span than the speech test (so it
    # is steady), padded so that both give the same frames with the same centres.
    extra = SHARE_FIELD - FIELD
    nodes = [
        helper.make_node('Conv', ['x', 'lp'], ['low'], pads=[half, half]),
        helper.make_node('Mul', ['low', 'low'], ['low2']),
        helper.make_node('Mul', ['x', 'x'], ['all2']),
        helper.make_node('Concat', ['low2', 'all2'], ['both'], axis=1),
        helper.make_node(
            'AveragePool', ['both'], ['long'], kernel_shape=[SHARE_FIELD], strides=[SHIFT],
            pads=[extra // 2, extra - extra // 2],
        ),
        helper.make_node('AveragePool', ['all2'], ['short'], kernel_shape=[FIELD], strides=[SHIFT]),
        helper.make_node('Concat', ['long', 'short'], ['power'], axis=1),  # [1, 3, F]
        helper.make_node('Add', ['power', 'eps'], ['power_eps']),
        helper.make_node('Log', ['power_eps'], ['logp']),
        helper.make_node('Transpose', ['logp'], ['frames'], perm=[0, 2, 1]),  # [1, F, 3]
        # share = log(low) - log(all) - LOW_SHARE_LOG; speech = log(short) - log(SPEECH_POWER)
        helper.make_node('MatMul', ['frames', 'mix'], ['lin']),  # [1, F, 2]
        helper.make_node('Add', ['lin', 'bias'], ['unclipped']),
        # A share is only a hint: clipped, so it never outweighs silence (where it means nothing).
        helper.make_node('Max', ['unclipped', 'lo'], ['floored']),
        helper.make_node('Min', ['floored', 'hi'], ['sc']),
        # classes: silence 0, speaker A = speech + k*share, speaker B = speech - k*share
        helper.make_node('MatMul', ['sc', 'cls'], ['logits']),  # [1, F, 3]
    ]
    mix = [[1.0, 0.0], [-1.0, 0.0], [0.0, 1.0]]
    bias = [-LOW_SHARE_LOG, -math.log(SPEECH_POWER)]
    cls = [[0.0, SHARPNESS, -SHARPNESS], [0.0, 1.0, 1.0]]
    return helper.make_graph(
        nodes,
        'segmentation',
        [helper.make_tensor_value_info('x', TensorProto.FLOAT, [1, 1, WINDOW])],
        [helper.make_tensor_value_info('logits', TensorProto.FLOAT, [1, 'F', 3])],
        [
            const('lp', lowpass_taps()),
            const('eps', [1e-10]),
            const('mix', mix),
            const('bias', bias),
            const('cls', cls),
            const('lo', [-1.0, -1e9]),
            const('hi', [1.0, 1e9]),
        ],
    )


SEGMENTATION_METADATA = {
    'model_type': 'pyannote-segmentation-3.0',
    'sample_rate': SAMPLE_RATE,
    'window_size': WINDOW,
    'receptive_field_size': FIELD,
    'receptive_field_shift': SHIFT,
    'num_speakers': 2,
    'powerset_max_classes': 1,
    'num_classes': 3,
}


def embedding_graph(constant):
    nodes = [
        helper.make_node('ReduceMean', ['x'], ['mean'], axes=[1], keepdims=0),  # [1, 80]
        helper.make_node('ReduceMean', ['mean'], ['level'], axes=[1], keepdims=1),
        helper.make_node('Sub', ['mean', 'level'], ['centred']),
    ]
    inits = []
    if constant:
        nodes.append(helper.make_node('Mul', ['centred', 'zero'], ['nothing']))
        nodes.append(helper.make_node('Add', ['nothing', 'fixed'], ['v']))
        fixed = np.sin(np.arange(EMBEDDING_DIM) + 1.0).reshape(1, EMBEDDING_DIM)
        inits += [const('zero', [0.0]), const('fixed', fixed)]
    else:
        nodes.append(helper.make_node('Identity', ['centred'], ['v']))
    nodes += [
        helper.make_node('ReduceSumSquare', ['v'], ['n2'], axes=[1], keepdims=1),
        helper.make_node('Add', ['n2', 'eps'], ['n2e']),
        helper.make_node('Sqrt', ['n2e'], ['norm']),
        helper.make_node('Div', ['v', 'norm'], ['embedding']),
    ]
    inits.append(const('eps', [1e-12]))
    return helper.make_graph(
        nodes,
        'embedding',
        [helper.make_tensor_value_info('x', TensorProto.FLOAT, [1, 'T', 80])],
        [helper.make_tensor_value_info('embedding', TensorProto.FLOAT, [1, EMBEDDING_DIM])],
        inits,
    )


EMBEDDING_METADATA = {
    'framework': 'wespeaker',
    'output_dim': EMBEDDING_DIM,
    'sample_rate': SAMPLE_RATE,
    'normalize_samples': 1,
    'language': 'English',
    'comment': 'synthetic test model: time-mean of fbank, centred, normalised',
}


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    onnx.save(model(segmentation_graph(), SEGMENTATION_METADATA), os.path.join(out, 'segmentation.onnx'))
    onnx.save(model(embedding_graph(False), EMBEDDING_METADATA), os.path.join(out, 'embedding.onnx'))
    onnx.save(model(embedding_graph(True), EMBEDDING_METADATA), os.path.join(out, 'constant-embedding.onnx'))
    bad = dict(SEGMENTATION_METADATA)
    del bad['num_classes']
    del bad['window_size']
    onnx.save(model(segmentation_graph(), bad), os.path.join(out, 'bad-metadata.onnx'))


if __name__ == '__main__':
    main()

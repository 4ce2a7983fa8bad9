// The AudioWorklet that turns the microphone (already at 16 kHz: the AudioContext resamples) into
// s16 frames of 100 ms with their RMS level, posted to micCapture.ts. Bundled as its own script
// (`?worker&url`) and served by the host like the app's other files: the page's CSP allows no
// Blob or inline script.

declare class AudioWorkletProcessor {
  readonly port: MessagePort
}
declare function registerProcessor(name: string, processor: typeof AudioWorkletProcessor): void

const FRAME_SAMPLES = 1600

class PcmFrames extends AudioWorkletProcessor {
  private frame = new Int16Array(FRAME_SAMPLES)
  private filled = 0
  private sum = 0

  /** `inputs[0]` is empty while no source is connected. */
  process(inputs: (Float32Array | undefined)[][]): boolean {
    const channel = inputs[0]?.[0]
    if (!channel) return true
    for (const raw of channel) {
      const s = Math.max(-1, Math.min(1, raw))
      this.sum += s * s
      this.frame[this.filled++] = s < 0 ? s * 32768 : s * 32767
      if (this.filled === this.frame.length) {
        const rms = Math.sqrt(this.sum / this.filled)
        this.port.postMessage({ pcm: this.frame.buffer, rms }, [this.frame.buffer])
        this.frame = new Int16Array(FRAME_SAMPLES)
        this.filled = 0
        this.sum = 0
      }
    }
    return true
  }
}

registerProcessor('pcm-frames', PcmFrames)

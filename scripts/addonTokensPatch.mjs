// Our change to the addon's source (@fugood/whisper.node's src/common.cpp) before
// scripts/whisper-native.mjs builds it: each segment of a transcription result also carries its
// tokens, so the worker can give words whisper's own confidence and times
// (src/main/engines/whisperWorker/segmentsToWords.ts). The addon as shipped returns a segment's
// text and times only. A token is { text, p } plus t0/t1 in ms when whisper computed token times
// (the tokenTimestamps option); special tokens (end-of-text and every id after it: language,
// task, timestamps) carry no speech and are left out. A token can end inside a multi-byte UTF-8
// character (byte-level BPE): its cut moves forward to the next character's start, so each token's
// text is whole characters, the tokens still join into the segment's text, and a token left with
// no text (its bytes went to the token before) still has its probability.
// The prebuilt addon has none of this: its segments have no `tokens` key.

const RESULT = 'Napi::Object createTranscribeResult(Napi::Env env, whisper_context* ctx,'
const SEGMENT_END =
  '            segment.Set("t1", whisper_full_get_segment_t1(ctx, i) * 10); // Convert to milliseconds\n'

const TOKENS_FUNCTION = `// transcriptor: a segment's text tokens with their probability and times (ms, when computed)
static Napi::Array transcriptorSegmentTokens(Napi::Env env, whisper_context* ctx, int i_segment) {
    const whisper_token eot = whisper_token_eot(ctx);
    const int n = whisper_full_n_tokens(ctx, i_segment);
    std::vector<whisper_token_data> kept;
    std::vector<size_t> ends;
    std::string bytes;
    for (int j = 0; j < n; j++) {
        const whisper_token_data data = whisper_full_get_token_data(ctx, i_segment, j);
        if (data.id >= eot) continue;
        bytes += whisper_full_get_token_text(ctx, i_segment, j);
        kept.push_back(data);
        ends.push_back(bytes.size());
    }
    auto tokens = Napi::Array::New(env, kept.size());
    size_t from = 0;
    for (size_t k = 0; k < kept.size(); k++) {
        size_t to = std::max(from, ends[k]);
        // a UTF-8 continuation byte (10xxxxxx) belongs to the character this token began
        while (to < bytes.size() && (static_cast<unsigned char>(bytes[to]) & 0xC0) == 0x80) to++;
        auto token = Napi::Object::New(env);
        token.Set("text", bytes.substr(from, to - from));
        token.Set("p", kept[k].p);
        if (kept[k].t0 >= 0 && kept[k].t1 >= kept[k].t0) {
            token.Set("t0", static_cast<double>(kept[k].t0 * 10));
            token.Set("t1", static_cast<double>(kept[k].t1 * 10));
        }
        tokens.Set(static_cast<uint32_t>(k), token);
        from = to;
    }
    return tokens;
}

`

/** Edits to the addon's src/common.cpp, applied as whisperPatch.mjs applies its own. */
export const ADDON_EDITS = [
  { find: RESULT, put: TOKENS_FUNCTION + RESULT },
  {
    find: SEGMENT_END,
    put:
      SEGMENT_END + '            segment.Set("tokens", transcriptorSegmentTokens(env, ctx, i));\n'
  }
]

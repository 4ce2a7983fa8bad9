// Pipeline subprocess entry (placeholder until the pipeline lands).
export {}

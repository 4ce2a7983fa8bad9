// Browser host entry (placeholder until the browser host lands).
export {}

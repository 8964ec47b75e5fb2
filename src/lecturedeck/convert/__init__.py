"""Converting: Marp markdown → HTML with the real marp-cli (one batched subprocess call)."""

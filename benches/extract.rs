//! Extraction benchmark (filled in with the extractor).
fn main() {}

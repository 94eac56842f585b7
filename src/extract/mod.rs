//! File → plan model.

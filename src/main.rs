//! The `planlint` command.

fn main() {}

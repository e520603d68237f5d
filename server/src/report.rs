//! The benchmark commands' report: lines on standard output (logs go to standard error).

use std::io::Write;

/// Prints one line of a report on standard output.
pub fn line(text: impl std::fmt::Display) {
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

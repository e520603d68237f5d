//! CSV cells a spreadsheet shows as text, never runs (OWASP's advice against CSV injection):
//! the catalog export, the waitlist export and the project reports write through it.

/// The first characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell a spreadsheet will show as text, never run: one starting like a formula gets a
/// leading `'`. Numbers written by us are never negative, so they are untouched.
pub fn neutralise_formula(cell: &str) -> String {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// The cell as it was before [`neutralise_formula`], so an exported file imports unchanged.
pub fn restore_formula(cell: String) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest.to_owned(),
        _ => cell,
    }
}

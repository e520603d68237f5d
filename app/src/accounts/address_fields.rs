//! A postal address as typed into a form, checked field by field (shared by the browser and
//! the server, so both reject the same input with the same messages).

use serde::{Deserialize, Serialize};

use crate::ui::countries;

/// An address as submitted, unchecked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressInput {
    pub full_name: String,
    pub line1: String,
    pub line2: String,
    pub city: String,
    pub region: String,
    pub postal_code: String,
    pub country: String,
    pub phone: String,
}

/// An address whose every field passed: trimmed, inner whitespace collapsed, country code in
/// capitals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidAddress(AddressInput);

impl ValidAddress {
    /// The checked fields.
    pub fn fields(&self) -> &AddressInput {
        &self.0
    }

    /// The checked fields, owned.
    pub fn into_fields(self) -> AddressInput {
        self.0
    }
}

#[cfg(feature = "ssr")]
impl From<AddressInput> for domain::accounts::addresses::AddressFields {
    fn from(f: AddressInput) -> Self {
        Self {
            full_name: f.full_name,
            line1: f.line1,
            line2: f.line2,
            city: f.city,
            region: f.region,
            postal_code: f.postal_code,
            country: f.country,
            phone: f.phone,
        }
    }
}

/// Trims and collapses runs of whitespace to one space.
fn tidy(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text(
    value: &str,
    required: Option<&'static str>,
    max: usize,
    too_long: &'static str,
) -> Result<String, &'static str> {
    let value = tidy(value);
    if value.is_empty() {
        return required.map_or(Ok(value), Err);
    }
    if value.chars().count() > max {
        return Err(too_long);
    }
    if value.chars().any(char::is_control) {
        return Err("Use letters, numbers, spaces and punctuation only.");
    }
    Ok(value)
}

fn postal_code(value: &str) -> Result<String, &'static str> {
    let value = tidy(value).to_uppercase();
    if value.is_empty() {
        return Err("Enter a postal code.");
    }
    if value.chars().count() > 12
        || !value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
    {
        return Err("Enter a postal code of letters, digits, spaces and dashes (at most 12).");
    }
    Ok(value)
}

fn country(value: &str) -> Result<String, &'static str> {
    let code = value.trim().to_ascii_uppercase();
    if code.is_empty() {
        return Err("Choose a country.");
    }
    countries::name(&code)
        .map(|_| code)
        .ok_or("Choose a country from the list.")
}

fn phone(value: &str) -> Result<String, &'static str> {
    let value = tidy(value);
    if value.is_empty() {
        return Ok(value);
    }
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let allowed = value
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c));
    if !allowed || !(6..=15).contains(&digits) || value.chars().count() > 25 {
        return Err("Enter a phone number of 6 to 15 digits, like +44 20 7946 0958.");
    }
    Ok(value)
}

impl AddressInput {
    /// Checks every field; on failure, the message of each bad field (by form field name).
    pub fn validate(&self) -> Result<ValidAddress, Vec<(&'static str, &'static str)>> {
        let full_name = text(
            &self.full_name,
            Some("Enter the name of the person who receives the parcel."),
            100,
            "Use at most 100 characters.",
        );
        let line1 = text(
            &self.line1,
            Some("Enter the street and number."),
            120,
            "Use at most 120 characters.",
        );
        let line2 = text(&self.line2, None, 120, "Use at most 120 characters.");
        let city = text(
            &self.city,
            Some("Enter a town or city."),
            80,
            "Use at most 80 characters.",
        );
        let region = text(&self.region, None, 80, "Use at most 80 characters.");
        let postal_code = postal_code(&self.postal_code);
        let country = country(&self.country);
        let phone = phone(&self.phone);
        match (
            full_name,
            line1,
            line2,
            city,
            region,
            postal_code,
            country,
            phone,
        ) {
            (
                Ok(full_name),
                Ok(line1),
                Ok(line2),
                Ok(city),
                Ok(region),
                Ok(postal_code),
                Ok(country),
                Ok(phone),
            ) => Ok(ValidAddress(Self {
                full_name,
                line1,
                line2,
                city,
                region,
                postal_code,
                country,
                phone,
            })),
            (full_name, line1, line2, city, region, postal_code, country, phone) => Err([
                ("full_name", full_name.err()),
                ("line1", line1.err()),
                ("line2", line2.err()),
                ("city", city.err()),
                ("region", region.err()),
                ("postal_code", postal_code.err()),
                ("country", country.err()),
                ("phone", phone.err()),
            ]
            .into_iter()
            .filter_map(|(field, e)| e.map(|e| (field, e)))
            .collect()),
        }
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn good() -> AddressInput {
        AddressInput {
            full_name: "  Ana   Lima ".into(),
            line1: "12 Rua   Augusta".into(),
            line2: String::new(),
            city: "Lisboa".into(),
            region: String::new(),
            postal_code: "1100-053".into(),
            country: "pt".into(),
            phone: "+351 21 000 0000".into(),
        }
    }

    #[test]
    fn a_good_address_is_tidied() {
        let valid = good().validate().unwrap();
        assert_eq!(valid.fields().full_name, "Ana Lima");
        assert_eq!(valid.fields().line1, "12 Rua Augusta");
        assert_eq!(valid.fields().country, "PT");
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let bad = AddressInput {
            country: "XX".into(),
            phone: "call me".into(),
            ..AddressInput::default()
        };
        let errors = bad.validate().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            [
                "full_name",
                "line1",
                "city",
                "postal_code",
                "country",
                "phone"
            ]
        );
    }

    #[test]
    fn optional_fields_may_be_empty_but_not_junk() {
        let mut a = good();
        a.phone = String::new();
        assert!(a.validate().is_ok());
        a.postal_code = "<script>".into();
        assert!(a.validate().is_err());
        a.postal_code = "SW1A 1AA".into();
        a.line2 = "x".repeat(121);
        assert!(a.validate().is_err());
    }

    proptest! {
        #[test]
        fn validation_never_panics_and_valid_output_validates_again(
            name in "\\PC{0,120}", line1 in "\\PC{0,130}", city in "\\PC{0,90}",
            postal in "[A-Za-z0-9 -]{0,14}", country in "[A-Za-z]{0,3}", phone in "[0-9 +()-]{0,30}",
        ) {
            let input = AddressInput {
                full_name: name, line1, line2: String::new(), city, region: String::new(),
                postal_code: postal, country, phone,
            };
            if let Ok(valid) = input.validate() {
                let again = valid.fields().validate();
                prop_assert_eq!(again.map(ValidAddress::into_fields), Ok(valid.into_fields()));
            }
        }
    }
}

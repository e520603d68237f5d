//! Unit tests of `app::accounts::address_fields`.
use app::accounts::address_fields::*;
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

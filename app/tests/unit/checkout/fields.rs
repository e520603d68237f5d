//! Unit tests of `app::checkout::fields`.
use proptest::prelude::*;

use app::checkout::fields::*;

const TODAY: (u32, u32) = (2026, 12);

fn card(number: &str, expiry: &str, cvc: &str) -> CardInput {
    CardInput {
        number: number.to_owned(),
        expiry: expiry.to_owned(),
        cvc: cvc.to_owned(),
    }
}

#[test]
fn the_sandbox_cards_pass() {
    for n in [
        "4242 4242 4242 4242",
        "4000-0000-0000-0002",
        "4000000000000119",
        "5555555555554444",
    ] {
        let v = card(n, "12/26", "123").validate(TODAY).unwrap();
        assert!(v.number.chars().all(|c| c.is_ascii_digit()));
        assert_eq!((v.exp_month, v.exp_year), (12, 2026));
    }
}

#[test]
fn each_bad_field_gets_its_message() {
    let errors = card("4242 4242 4242 4241", "11/26", "12")
        .validate(TODAY)
        .unwrap_err();
    let fields: Vec<_> = errors.iter().map(|(f, _)| *f).collect();
    assert_eq!(fields, vec!["card_number", "card_expiry", "card_cvc"]);
    assert_eq!(errors[1].1, "This card has expired.");
    assert!(card("", "1226", "1234").validate(TODAY).is_err());
    assert!(
        card("4242424242424242", "13/27", "123")
            .validate(TODAY)
            .is_err()
    );
    assert!(
        card("4242424242424242", "01/2027", "1234")
            .validate(TODAY)
            .is_ok()
    );
    assert!(card("abcd", "01/27", "123").validate(TODAY).is_err());
}

proptest! {
    #[test]
    fn one_wrong_digit_fails_luhn(
        digits in prop::collection::vec(0u32..10, 15),
        pos in 0usize..16, bump in 1u32..10,
    ) {
        // Complete 15 digits into a valid 16-digit number, then change one digit.
        let body: String = digits.iter().map(|d| char::from_digit(*d, 10).unwrap_or('0')).collect();
        let check = (0..10).find(|c| luhn(&format!("{body}{c}"))).unwrap_or(0);
        let valid = format!("{body}{check}");
        prop_assert!(luhn(&valid));
        let mut bytes: Vec<u32> = valid.chars().filter_map(|c| c.to_digit(10)).collect();
        bytes[pos] = (bytes[pos] + bump) % 10;
        let changed: String = bytes.iter().filter_map(|d| char::from_digit(*d, 10)).collect();
        prop_assert!(!luhn(&changed));
    }

    #[test]
    fn validate_never_panics(n in ".{0,30}", e in ".{0,10}", c in ".{0,6}") {
        let _ = card(&n, &e, &c).validate(TODAY);
    }
}

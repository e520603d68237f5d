//! Unit tests of `app::accounts::fields`.
use app::accounts::fields::*;
use proptest::prelude::*;

#[test]
fn emails_are_trimmed_and_their_domain_lowercased() {
    assert_eq!(
        Email::parse("  Ana.Lima@Example.COM ").unwrap().as_str(),
        "Ana.Lima@example.com"
    );
    assert_eq!(
        Email::parse("o'brien+shop@mail.example.ie")
            .unwrap()
            .as_str(),
        "o'brien+shop@mail.example.ie"
    );
}

#[test]
fn bad_emails_get_a_message() {
    for bad in [
        "",
        "plain",
        "@example.com",
        "a@",
        "a@b",
        "a@b.c",
        "a b@example.com",
        "a@exa mple.com",
        "a@-x.com",
        "a@x-.com",
        "a..b@example.com",
        ".a@example.com",
        "a@example.123",
        "a@@example.com",
    ] {
        assert!(Email::parse(bad).is_err(), "{bad:?} should be rejected");
    }
    assert_eq!(Email::parse("").unwrap_err(), "Enter your email address.");
    assert_eq!(Email::parse("x").unwrap_err(), Email::INVALID);
    assert!(Email::parse(&format!("{}@example.com", "a".repeat(65))).is_err());
}

#[test]
fn emails_print_masked() {
    let e = Email::parse("janedoe@example.com").unwrap();
    assert_eq!(format!("{e:?}"), "Email(ja***@example.com)");
}

#[test]
fn passwords_follow_the_rules() {
    assert_eq!(Password::parse("").unwrap_err(), "Choose a password.");
    assert!(Password::parse("purple-otter").is_ok());
    assert!(
        Password::parse_for_staff("purple-otter").is_ok(),
        "12 is enough"
    );
    assert_eq!(
        Password::parse_for_staff("purple-otte").unwrap_err(),
        "Staff accounts need at least 12 characters."
    );
    assert!(Password::parse_for_role("purple-ott", false).is_ok());
    assert!(Password::parse_for_role("purple-ott", true).is_err());
    assert_eq!(
        Password::parse("short").unwrap_err(),
        "Use at least 8 characters."
    );
    assert!(Password::parse(&"x".repeat(129)).is_err());
    assert!(Password::parse(&"x".repeat(128)).is_ok());
    assert!(Password::parse("password").is_err(), "common");
    assert!(Password::parse("PassWord123").is_err(), "common, any case");
    assert!(Password::parse("correct horse battery staple").is_ok());
    // Characters, not bytes: eight accented letters are enough.
    assert!(Password::parse("éééééééé").is_ok());
    assert_eq!(
        format!("{:?}", Password::parse("s3cret-enough!").unwrap()),
        "Password([redacted])"
    );
}

#[test]
fn the_common_list_is_lowercase_and_long_enough() {
    for line in COMMON_PASSWORDS.lines() {
        assert_eq!(line, line.to_lowercase());
        assert!(line.chars().count() >= Password::MIN_CHARS, "{line}");
    }
    assert!(COMMON_PASSWORDS.lines().count() >= 100);
}

#[test]
fn display_names_are_trimmed_and_bounded() {
    assert_eq!(
        DisplayName::parse("  Ana Lima ").unwrap().as_str(),
        "Ana Lima"
    );
    assert!(DisplayName::parse("   ").is_err());
    assert!(DisplayName::parse(&"é".repeat(60)).is_ok());
    assert!(DisplayName::parse(&"é".repeat(61)).is_err());
    assert!(DisplayName::parse("Ana\u{0}Lima").is_err());
}

proptest! {
    #[test]
    fn parsed_emails_parse_again_to_themselves(local in "[a-z0-9][a-z0-9._+-]{0,20}[a-z0-9]", domain in "[a-z][a-z0-9-]{0,10}[a-z0-9]\\.[a-z]{2,6}") {
        let email = Email::parse(&format!("{local}@{domain}"));
        if let Ok(email) = email {
            prop_assert_eq!(Email::parse(email.as_str()), Ok(email.clone()));
            prop_assert!(email.as_str().len() <= 254);
        } else {
            prop_assert!(local.contains(".."));
        }
    }

    #[test]
    fn email_parsing_never_panics(s in "\\PC{0,300}") {
        let _ = Email::parse(&s);
    }

    #[test]
    fn passwords_in_range_of_random_characters_are_accepted(s in "[a-zA-Z0-9!@#$%^&*]{8,128}") {
        let lowered = s.to_lowercase();
        prop_assume!(!COMMON_PASSWORDS.lines().any(|l| l == lowered));
        prop_assert!(Password::parse(&s).is_ok());
    }

    #[test]
    fn display_names_round_trip(s in "\\PC{0,80}") {
        if let Ok(name) = DisplayName::parse(&s) {
            prop_assert_eq!(DisplayName::parse(name.as_str()), Ok(name.clone()));
            prop_assert!(name.as_str().chars().count() <= 60);
        }
    }
}

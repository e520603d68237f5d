//! Unit tests of `app::accounts::profile_fields`.
use app::accounts::profile_fields::*;
use proptest::prelude::*;

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn styles_keep_only_offered_values_in_order() {
    let p = StylePreferences::parse(
        &strings(&["Vintage", "Minimalist", "Hacker", "Vintage"]),
        &strings(&["Navy"]),
        "relaxed",
    )
    .unwrap();
    assert_eq!(p.styles, ["Minimalist", "Vintage"]);
    assert_eq!(p.colours, ["Navy"]);
    assert_eq!(p.fit.as_deref(), Some("Relaxed"));
    assert!(StylePreferences::parse(&[], &[], "baggy").is_err());
}

#[test]
fn sizes_are_checked_together() {
    let ok = SizeProfile::parse("m", "32", "38,5", "").unwrap();
    assert_eq!(ok.top.as_deref(), Some("M"));
    assert_eq!(ok.waist_in, Some(32));
    assert_eq!(ok.shoe_eu.as_deref(), Some("38.5"));
    assert_eq!(ok.height_cm, None);
    let errors = SizeProfile::parse("huge", "5", "38.3", "abc").unwrap_err();
    assert_eq!(errors.len(), 4);
    assert_eq!(
        SizeProfile::parse("", "", "42", "")
            .unwrap()
            .shoe_eu
            .as_deref(),
        Some("42")
    );
}

#[test]
fn stored_json_is_read_leniently() {
    let v = serde_json::json!({"styles": ["Classic", "Gone"], "fit": "nope", "extra": 1});
    let p = StylePreferences::from_json(&v);
    assert_eq!(p.styles, ["Classic"]);
    assert_eq!(p.fit, None);
    assert_eq!(
        SizeProfile::from_json(&serde_json::json!("junk")),
        SizeProfile::default()
    );
}

proptest! {
    #[test]
    fn size_parsing_never_panics(a in "\\PC{0,8}", b in "\\PC{0,8}", c in "\\PC{0,8}", d in "\\PC{0,8}") {
        let _ = SizeProfile::parse(&a, &b, &c, &d);
    }

    #[test]
    fn valid_sizes_round_trip_through_json(w in 22u8..=56, h in 100u16..=230, shoe in 60u8..=104) {
        let shoe = format!("{}", f32::from(shoe) / 2.0);
        let p = SizeProfile::parse("L", &w.to_string(), &shoe, &h.to_string()).unwrap();
        let json = serde_json::to_value(&p).unwrap();
        prop_assert_eq!(SizeProfile::from_json(&json), p);
    }
}

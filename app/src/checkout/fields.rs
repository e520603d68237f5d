//! The payment card as typed into the checkout form, checked the same way in the browser and
//! on the server: digits (spaces allowed) passing the Luhn check, an expiry `MM/YY` not in the
//! past, a 3- or 4-digit security code.

/// A card as submitted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CardInput {
    pub number: String,
    pub expiry: String,
    pub cvc: String,
}

/// A card whose fields passed.
#[derive(Clone, PartialEq, Eq)]
pub struct ValidCard {
    /// Digits only.
    pub number: String,
    pub exp_month: u32,
    /// Four digits.
    pub exp_year: u32,
    pub cvc: String,
}

impl std::fmt::Debug for ValidCard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.number.len();
        write!(f, "ValidCard(…{})", &self.number[n.saturating_sub(4)..])
    }
}

/// Whether `digits` (ASCII digits only) passes the Luhn checksum.
pub fn luhn(digits: &str) -> bool {
    let mut sum = 0u32;
    for (i, c) in digits.bytes().rev().enumerate() {
        let Some(d) = (c as char).to_digit(10) else {
            return false;
        };
        sum += if i % 2 == 1 {
            let x = d * 2;
            if x > 9 { x - 9 } else { x }
        } else {
            d
        };
    }
    !digits.is_empty() && sum.is_multiple_of(10)
}

fn number(raw: &str) -> Result<String, &'static str> {
    let digits: String = raw.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if digits.is_empty() {
        return Err("Enter the card number.");
    }
    if !digits.chars().all(|c| c.is_ascii_digit()) || !(12..=19).contains(&digits.len()) {
        return Err("Enter the 12 to 19 digits of the card number.");
    }
    if !luhn(&digits) {
        return Err("This card number is not valid: check it for typos.");
    }
    Ok(digits)
}

/// `MM/YY` (or `MM/YYYY`) not before `today` (year, month).
fn expiry(raw: &str, today: (u32, u32)) -> Result<(u32, u32), &'static str> {
    const SHAPE: &str = "Enter the expiry date as MM/YY.";
    let (m, y) = raw.trim().split_once('/').ok_or(SHAPE)?;
    let month: u32 = m.trim().parse().map_err(|_| SHAPE)?;
    let y = y.trim();
    let year: u32 = match y.len() {
        2 => 2000 + y.parse::<u32>().map_err(|_| SHAPE)?,
        4 => y.parse().map_err(|_| SHAPE)?,
        _ => return Err(SHAPE),
    };
    if !(1..=12).contains(&month) {
        return Err(SHAPE);
    }
    if (year, month) < today {
        return Err("This card has expired.");
    }
    if year > today.0 + 20 {
        return Err("Check the expiry year.");
    }
    Ok((month, year))
}

fn cvc(raw: &str) -> Result<String, &'static str> {
    let v = raw.trim();
    if (3..=4).contains(&v.len()) && v.chars().all(|c| c.is_ascii_digit()) {
        Ok(v.to_owned())
    } else {
        Err("Enter the 3 or 4 digits on the back of the card.")
    }
}

impl CardInput {
    /// Checks every field against `today` (year, month); on failure, each bad field's message.
    pub fn validate(
        &self,
        today: (u32, u32),
    ) -> Result<ValidCard, Vec<(&'static str, &'static str)>> {
        match (
            number(&self.number),
            expiry(&self.expiry, today),
            cvc(&self.cvc),
        ) {
            (Ok(number), Ok((exp_month, exp_year)), Ok(cvc)) => Ok(ValidCard {
                number,
                exp_month,
                exp_year,
                cvc,
            }),
            (n, e, c) => Err([
                ("card_number", n.err()),
                ("card_expiry", e.err()),
                ("card_cvc", c.err()),
            ]
            .into_iter()
            .filter_map(|(f, m)| m.map(|m| (f, m)))
            .collect()),
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

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
}

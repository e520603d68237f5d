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

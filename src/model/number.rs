//! Exact decimal numbers for target values: `94,3` stays 94.3, not 94.299999…, and comparisons
//! never go through floating point.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A decimal number `units × 10^-scale`.
#[derive(Debug, Clone, Copy)]
pub struct Decimal {
    units: i64,
    scale: u8,
}

impl Decimal {
    /// An integer.
    pub fn from_int(value: i64) -> Self {
        Self { units: value, scale: 0 }
    }

    /// Parse from an integer part and a fraction part, both plain ASCII digits (the caller has
    /// already removed thousands separators and chosen the decimal mark). `None` when empty,
    /// not digits, or too long to be exact.
    pub fn from_parts(int_part: &str, frac_part: &str) -> Option<Self> {
        if int_part.is_empty() && frac_part.is_empty() {
            return None;
        }
        if !int_part.bytes().chain(frac_part.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let frac = frac_part.trim_end_matches('0');
        if int_part.len() + frac.len() > 17 {
            return None;
        }
        let mut units: i64 = 0;
        for b in int_part.bytes().chain(frac.bytes()) {
            units = units.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
        }
        Some(Self { units, scale: u8::try_from(frac.len()).ok()? })
    }

    /// Parse the canonical form `-12.5`.
    pub fn parse(text: &str) -> Option<Self> {
        let (neg, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, ""));
        let d = Self::from_parts(int_part, frac_part)?;
        Some(if neg { Self { units: -d.units, scale: d.scale } } else { d })
    }

    /// The value as a float, for display and serialization only.
    pub fn to_f64(self) -> f64 {
        self.to_string().parse().unwrap_or(f64::NAN)
    }

    /// The same value with trailing zero decimals removed (`68.0` → `68`).
    fn trimmed(self) -> Self {
        let mut d = self;
        while d.scale > 0 && d.units % 10 == 0 {
            d.units /= 10;
            d.scale -= 1;
        }
        d
    }

    /// `self + other`, or `None` when the result would not be exact.
    pub fn checked_add(self, other: Self) -> Option<Self> {
        let scale = self.scale.max(other.scale);
        let sum = self.widened(scale).checked_add(other.widened(scale))?;
        Some(Self { units: i64::try_from(sum).ok()?, scale }.trimmed())
    }

    /// `self - other`, or `None` when the result would not be exact.
    pub fn checked_sub(self, other: Self) -> Option<Self> {
        self.checked_add(Self { units: other.units.checked_neg()?, scale: other.scale })
    }

    /// `-self`, or `None` on overflow.
    pub fn checked_neg(self) -> Option<Self> {
        Some(Self { units: self.units.checked_neg()?, scale: self.scale })
    }

    /// The value as an integer, when it is one.
    pub fn to_i64(self) -> Option<i64> {
        let d = self.trimmed();
        (d.scale == 0).then_some(d.units)
    }

    fn widened(self, scale: u8) -> i128 {
        let mut v = i128::from(self.units);
        for _ in self.scale..scale {
            v *= 10;
        }
        v
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Decimal {}

impl std::hash::Hash for Decimal {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // Equal values hash alike whatever their scale (`68` and `68.0`).
        let d = self.trimmed();
        d.units.hash(state);
        d.scale.hash(state);
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        let scale = self.scale.max(other.scale);
        self.widened(scale).cmp(&other.widened(scale))
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.units < 0 { "-" } else { "" };
        let abs = self.units.unsigned_abs().to_string();
        let scale = usize::from(self.scale);
        if scale == 0 {
            return write!(f, "{sign}{abs}");
        }
        let padded = format!("{abs:0>width$}", width = scale + 1);
        let split = padded.len() - scale;
        write!(f, "{sign}{}.{}", padded.get(..split).unwrap_or("0"), padded.get(split..).unwrap_or("0"))
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.scale == 0 { serializer.serialize_i64(self.units) } else { serializer.serialize_f64(self.to_f64()) }
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = f64::deserialize(deserializer)?;
        Decimal::parse(&format!("{value}"))
            .map(|d| if d.scale == 0 { d } else { d.trimmed() })
            .ok_or_else(|| serde::de::Error::custom(format!("`{value}` is not a plain decimal number")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_comparisons_and_display() {
        let a = Decimal::from_parts("94", "3").unwrap();
        let b = Decimal::from_parts("94", "30").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.to_string(), "94.3");
        assert!(Decimal::from_parts("75", "").unwrap() < Decimal::from_parts("75", "5").unwrap());
        assert_eq!(Decimal::from_parts("0", "05").unwrap().to_string(), "0.05");
        assert_eq!(Decimal::parse("-1.5").unwrap().to_string(), "-1.5");
        assert!(Decimal::from_parts("1", "x").is_none());
        assert!(Decimal::from_parts("123456789012345678901", "").is_none());
    }

    #[test]
    fn arithmetic_is_exact_and_checked() {
        let a = Decimal::parse("75.5").unwrap();
        let b = Decimal::parse("0.5").unwrap();
        assert_eq!(a.checked_add(b).unwrap().to_string(), "76");
        assert_eq!(a.checked_sub(b).unwrap().to_i64(), Some(75));
        assert_eq!(b.checked_sub(a).unwrap().to_string(), "-75");
        assert!(Decimal::from_int(i64::MAX).checked_add(Decimal::from_int(1)).is_none());
        use std::hash::{BuildHasher, RandomState};
        let state = RandomState::new();
        let hash = |d: Decimal| state.hash_one(d);
        assert_eq!(hash(Decimal::parse("68").unwrap()), hash(Decimal::from_parts("68", "0").unwrap()));
    }

    #[test]
    fn serde_round_trip() {
        let d = Decimal::from_parts("15", "05").unwrap();
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(json, "15.05");
        assert_eq!(serde_json::from_str::<Decimal>(&json).unwrap(), d);
        let whole = Decimal::from_parts("100", "").unwrap();
        assert_eq!(serde_json::to_string(&whole).unwrap(), "100");
        assert_eq!(serde_json::from_str::<Decimal>("100").unwrap(), whole);
    }
}

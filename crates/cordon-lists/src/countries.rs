//! Countries as the loaders record them: from a name or an ISO code, with
//! a role, each (role, country) once per entity.

use cordon_engine::country::{code_for, name_for};
use cordon_engine::{Country, CountryRole};

/// A country from a name or an ISO code, with its role. The name is the
/// English short name when the text is a known code, else the text.
pub(crate) fn country(text: &str, role: CountryRole) -> Option<Country> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let name = if t.len() <= 3 {
        name_for(t)
            .map(str::to_string)
            .unwrap_or_else(|| t.to_string())
    } else {
        t.to_string()
    };
    Some(Country {
        name,
        code: code_for(t).map(str::to_string),
        role,
    })
}

/// A country as the file names it, with the code the file gives (or none).
pub(crate) fn named(name: &str, code: Option<&str>, role: CountryRole) -> Option<Country> {
    let name = name.trim();
    (!name.is_empty()).then(|| Country {
        name: name.to_string(),
        code: code.map(str::to_string),
        role,
    })
}

/// Pushes a country unless the list has it already: the same role, and the
/// same code (when both have one) or the same name (case-insensitive).
pub(crate) fn push_country(list: &mut Vec<Country>, c: Option<Country>) {
    let Some(c) = c else { return };
    let dup = list.iter().any(|x| {
        x.role == c.role
            && (x.name.eq_ignore_ascii_case(&c.name)
                || matches!((&x.code, &c.code), (Some(a), Some(b)) if a == b))
    });
    if !dup {
        list.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_country_is_kept_once_per_role() {
        let mut v = Vec::new();
        push_country(&mut v, country("IR", CountryRole::Nationality));
        push_country(&mut v, country("Iran", CountryRole::Nationality));
        push_country(&mut v, named("IRAN", None, CountryRole::Nationality));
        push_country(&mut v, country("Iran", CountryRole::Address));
        push_country(&mut v, country(" ", CountryRole::Address));
        assert_eq!(v.len(), 2, "{v:?}");
        assert_eq!(v[0].code.as_deref(), Some("IR"));
        assert_eq!(v[1].role, CountryRole::Address);
    }
}

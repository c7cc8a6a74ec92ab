//! Scoring one query against chosen entities, as screening scores them,
//! without candidate generation: what a caller that already knows which
//! entities a query may reach (a monitoring run's reverse search, see
//! [`crate::keys`]) needs to tell which of them it can match.

use super::pruning::Best;
use super::screen::{with_country_codes, Reading};
use super::vocabulary::qtok_view;
use super::Index;
use crate::align::Tok;
use crate::query::Query;

impl Index {
    /// For each entity id, the best score [`Index::screen`] can give it for
    /// `query`: every reading of the query against every name of the
    /// entity, with the same scoring and evidence, but no candidate
    /// generation, pruning or result limit. Screening never scores an
    /// entity higher (it may not reach it, or prune its best name), so an
    /// entity that screening flags as a match at a threshold scores at
    /// least that here. `None` for an unknown id and for an entity of
    /// another kind than the query's (screening never returns it).
    pub fn best_scores(&self, query: &Query, ids: &[&str]) -> Vec<Option<f64>> {
        let query = &with_country_codes(query);
        let (forms, reading) = self.readings(query);
        let views: Vec<Vec<Tok<'_>>> = forms
            .iter()
            .map(|f| f.iter().map(qtok_view).collect())
            .collect();
        ids.iter()
            .map(|id| {
                let &ei = self.by_id.get(*id)?;
                let e = &self.entities[ei as usize];
                if query.kind.is_some_and(|k| k != e.kind) {
                    return None;
                }
                let names = self.entity_names[ei as usize]..self.entity_names[ei as usize + 1];
                let mut best = Best::default();
                if views.is_empty() {
                    // A query without a name: screening scores an entity
                    // holding its identifier on its primary name.
                    if !names.is_empty() {
                        self.consider(query, &[], 0, names.start, &mut best, Reading::default());
                    }
                }
                for nid in names {
                    for (fi, qt) in views.iter().enumerate() {
                        self.consider(query, qt, fi, nid, &mut best, reading[fi]);
                    }
                }
                best.items
                    .iter()
                    .map(|s| s.score)
                    .reduce(f64::max)
                    .or(Some(f64::NEG_INFINITY))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Entity, EntityKind, Name, NameType, Provenance};
    use crate::{Index, PartialDate, Query, ScreenOptions};

    /// Whatever screening returns, the pair score is at least its score,
    /// and equal for the entities it scored on their best name.
    #[test]
    fn best_scores_bound_screening() {
        let prov = Provenance {
            list: "t".into(),
            file: String::new(),
            line: None,
        };
        let mut ents: Vec<Entity> = [
            ("1", EntityKind::Person, "IVANOV, Ivan Petrovich"),
            ("2", EntityKind::Person, "IVANOVA, Maria"),
            ("3", EntityKind::Organization, "IVANOV TRADING LLC"),
            ("4", EntityKind::Person, "PETROV, Ivan"),
            ("5", EntityKind::Vessel, "IVAN"),
        ]
        .iter()
        .map(|(id, k, n)| Entity::new("t", id, *k, n, prov.clone()))
        .collect();
        ents[0].names.push(Name::new("Иван Иванов", NameType::Aka));
        ents.extend((0..200).map(|i| {
            let n = format!("QZX{i}VAR WYK{i}ORN");
            Entity::new("t", &format!("f{i}"), EntityKind::Person, &n, prov.clone())
        }));
        let index = Index::build(ents);
        let ids = ["t:1", "t:2", "t:3", "t:4", "t:5", "t:none"];
        for q in [
            "Ivan Ivanov",
            "Ivanova Mariya",
            "Ivanov Trading",
            "Ivan",
            "Petrov",
        ] {
            for kind in [
                None,
                Some(EntityKind::Person),
                Some(EntityKind::Organization),
            ] {
                let query = Query {
                    kind,
                    dob: Some(PartialDate::ymd(1970, 1, 1)),
                    ..Query::new(q)
                };
                let best = index.best_scores(&query, &ids);
                assert_eq!(best[5], None);
                let opts = ScreenOptions {
                    limit: 10,
                    threshold: 0.0,
                };
                for m in index.screen(&query, &opts) {
                    let Some(i) = ids.iter().position(|id| *id == m.entity_id) else {
                        continue;
                    };
                    let b = best[i].unwrap();
                    assert!(
                        b + 1e-4 >= m.score,
                        "{q} {kind:?} {}: pair {b} < screen {}",
                        m.entity_id,
                        m.score
                    );
                }
                if kind == Some(EntityKind::Person) {
                    assert_eq!(best[2], None, "an organisation is not a person's");
                }
            }
        }
        let exact = index.best_scores(&Query::new("Ivan Petrovich Ivanov"), &["t:1"]);
        let screened = index.screen(
            &Query::new("Ivan Petrovich Ivanov"),
            &ScreenOptions {
                limit: 1,
                threshold: 0.0,
            },
        );
        assert_eq!(screened[0].entity_id, "t:1");
        assert!((exact[0].unwrap() - screened[0].score).abs() < 1e-4);
    }
}

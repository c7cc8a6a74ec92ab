mod support;

mod assess;
mod fixpoint_props;
mod formats;
mod rules_table;

mod support;

mod assess;
mod formats;

//! Integration tests: every test runs the real `agenda` binary in a temporary folder.
//! One test binary with a module per topic, so it links once.

mod accountability;
mod annex;
mod approved;
mod common;
mod config;
mod decidim;
mod final_guards;
mod foundation;
mod import;
mod italian;
mod json_shapes;
mod ledger;
mod nothing_leaks;
mod pdf;
mod process;
mod report;
mod report_ledger;
mod robustness;
mod safety;
mod triage;

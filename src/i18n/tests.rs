//! The catalogues are complete: both languages have the same messages with the same arguments,
//! every message the code asks for exists, none is left over, and every command and option of
//! the command line has its help in both.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use clap::CommandFactory;

use super::{Lang, FILES};

/// One catalogue entry: its attributes and the variables its text uses.
#[derive(Debug, Default, PartialEq)]
struct Entry {
    attributes: BTreeSet<String>,
    variables: BTreeSet<String>,
}

/// The entries of a catalogue file, read the simple way the files are written: `id = …` at the
/// start of a line, `.attribute = …` and continuation lines indented.
fn entries(text: &str) -> BTreeMap<String, Entry> {
    let mut out: BTreeMap<String, Entry> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let indented = line.starts_with(' ');
        if !indented {
            let id = line.split('=').next().unwrap_or("").trim().to_string();
            assert!(
                !out.contains_key(&id),
                "the message {id} is written twice in a catalogue"
            );
            out.insert(id.clone(), Entry::default());
            current = Some(id);
        }
        let Some(id) = &current else { continue };
        let entry = out.get_mut(id).expect("the current entry");
        let trimmed = line.trim_start();
        if indented && trimmed.starts_with('.') {
            let name = trimmed[1..].split('=').next().unwrap_or("").trim();
            entry.attributes.insert(name.to_string());
        }
        let mut rest = line;
        while let Some(at) = rest.find('$') {
            let name: String = rest[at + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect();
            entry.variables.insert(name);
            rest = &rest[at + 1..];
        }
    }
    out
}

fn catalogue(lang: Lang) -> BTreeMap<String, (String, Entry)> {
    let mut all = BTreeMap::new();
    for (name, it, en) in FILES {
        let text = if lang == Lang::It { it } else { en };
        for (id, entry) in entries(text) {
            assert!(
                !all.contains_key(&id),
                "the message {id} is in two files of the {} catalogue",
                lang.code()
            );
            all.insert(id, (name.to_string(), entry));
        }
    }
    all
}

#[test]
fn every_catalogue_file_parses() {
    for (name, it, en) in FILES {
        for (code, text) in [("it", it), ("en", en)] {
            if let Err((_, errors)) = fluent_bundle::FluentResource::try_new(text.to_string()) {
                panic!("src/i18n/{code}/{name}.ftl does not parse: {errors:?}");
            }
        }
    }
}

#[test]
fn both_languages_have_the_same_messages_with_the_same_arguments() {
    let it = catalogue(Lang::It);
    let en = catalogue(Lang::En);
    let mut problems = Vec::new();
    for (id, (file, entry)) in &it {
        match en.get(id) {
            None => problems.push(format!("{id} (it/{file}.ftl) has no English")),
            Some((other, _)) if other != file => {
                problems.push(format!("{id} is in it/{file}.ftl but en/{other}.ftl"))
            }
            Some((_, english)) if english != entry => problems.push(format!(
                "{id}: Italian {entry:?}, English {english:?} (attributes and variables must match)"
            )),
            Some(_) => {}
        }
    }
    for (id, (file, _)) in &en {
        if !it.contains_key(id) {
            problems.push(format!("{id} (en/{file}.ftl) has no Italian"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The ids the code asks for: `t!("id"` and `tr("id"` anywhere under src/.
fn ids_in_code() -> BTreeMap<String, String> {
    let mut ids = BTreeMap::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src is readable") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("a source file");
                // Comments show how to call the macros; they ask for nothing.
                let text: String = text
                    .lines()
                    .filter(|l| !l.trim_start().starts_with("//"))
                    .map(|l| format!("{l}\n"))
                    .collect();
                for marker in ["t!(", "tr(", "tr_in(", "attribute("] {
                    let mut rest = text.as_str();
                    while let Some(at) = rest.find(marker) {
                        rest = &rest[at + marker.len()..];
                        let after = rest.trim_start();
                        let after = after
                            .strip_prefix("Lang::It,")
                            .or_else(|| after.strip_prefix("Lang::En,"))
                            .or_else(|| after.strip_prefix("lang,"))
                            .map(str::trim_start)
                            .unwrap_or(after);
                        if let Some(quoted) = after.strip_prefix('"') {
                            let id: String = quoted
                                .chars()
                                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                                .collect();
                            if quoted[id.len()..].starts_with('"') && !id.is_empty() {
                                ids.insert(id, path.display().to_string());
                            }
                        }
                    }
                }
            }
        }
    }
    ids
}

#[test]
fn every_message_in_the_code_is_in_the_catalogues_and_none_is_left_over() {
    let it = catalogue(Lang::It);
    let code = ids_in_code();
    let mut problems = Vec::new();
    for (id, file) in &code {
        if !it.contains_key(id) {
            problems.push(format!("{file} asks for {id}, which no catalogue has"));
        }
    }
    let help = help_keys();
    for (id, (file, _)) in &it {
        if file == "help" {
            continue;
        }
        if !code.contains_key(id) && !help.contains(id) {
            problems.push(format!("{id} (src/i18n/*/{file}.ftl) is used nowhere"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The keys of every command's and every option's help.
fn help_keys() -> BTreeSet<String> {
    let mut cmd = crate::cli::Cli::command();
    cmd.build();
    let mut keys = BTreeSet::new();
    fn walk(cmd: &clap::Command, path: &mut Vec<String>, keys: &mut BTreeSet<String>) {
        let names: Vec<&str> = path.iter().map(String::as_str).collect();
        if names.last() == Some(&"help") {
            return;
        }
        keys.insert(super::clap::command_key(&names));
        for arg in cmd.get_arguments() {
            if !super::clap::is_builtin(arg) {
                keys.insert(super::clap::arg_key(&names, arg));
                let values = arg
                    .get_action()
                    .takes_values()
                    .then(|| arg.get_value_names());
                for value in values.flatten().into_iter().flatten() {
                    keys.insert(super::clap::value_key(value));
                }
            }
        }
        for sub in cmd.get_subcommands() {
            path.push(sub.get_name().to_string());
            walk(sub, path, keys);
            path.pop();
        }
    }
    walk(&cmd, &mut Vec::new(), &mut keys);
    keys
}

#[test]
fn every_command_and_option_has_its_help_in_both_languages() {
    let keys = help_keys();
    let mut problems = Vec::new();
    for lang in [Lang::It, Lang::En] {
        let catalogue = catalogue(lang);
        for key in &keys {
            match catalogue.get(key) {
                Some((file, _)) if file == "help" => {}
                Some((file, _)) => problems.push(format!(
                    "{key} belongs in {}/help.ftl, not {file}.ftl",
                    lang.code()
                )),
                None => problems.push(format!(
                    "{key} has no help in src/i18n/{}/help.ftl",
                    lang.code()
                )),
            }
        }
        for (id, (file, _)) in &catalogue {
            if file == "help" && !keys.contains(id) {
                problems.push(format!(
                    "{id} in {}/help.ftl names no command or option",
                    lang.code()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn plurals_follow_the_language() {
    let bundle = super::bundle(Lang::It);
    let resource = fluent_bundle::FluentResource::try_new(
        "n = { $count ->\n    [one] un contributo\n   *[other] { $count } contributi\n}\n"
            .to_string(),
    )
    .unwrap();
    let mut bundle = bundle;
    bundle.add_resource_overriding(resource);
    let message = bundle.get_message("n").unwrap();
    let say = |n: i64| {
        let mut args = super::Args::new();
        args.set("count", n);
        let mut errors = vec![];
        bundle
            .format_pattern(message.value().unwrap(), Some(&args), &mut errors)
            .into_owned()
    };
    assert_eq!(say(1), "un contributo");
    assert_eq!(say(0), "0 contributi");
    assert_eq!(say(20000), "20.000 contributi");
}

/// Writes the English help catalogue from the doc comments of the command line (run by hand
/// with `cargo test dump_help -- --ignored` when many options change at once).
#[test]
#[ignore]
fn dump_help() {
    let mut cmd = crate::cli::Cli::command();
    cmd.build();
    let mut out = String::new();
    fn entry(out: &mut String, key: &str, short: Option<String>, long: Option<String>) {
        let short = short.unwrap_or_default();
        out.push_str(&format!("{key} = {}\n", ftl(&short)));
        if let Some(long) = long.filter(|l| l.trim() != short.trim()) {
            out.push_str(&format!("    .long = {}\n", ftl(&long)));
        }
    }
    fn ftl(text: &str) -> String {
        let text = text.trim();
        if !text.contains('\n') {
            return text.to_string();
        }
        let mut s = String::new();
        for line in text.lines() {
            s.push_str("\n        ");
            s.push_str(line);
        }
        s.replace("\n        \n", "\n\n")
    }
    fn walk(cmd: &clap::Command, path: &mut Vec<String>, out: &mut String) {
        let names: Vec<&str> = path.iter().map(String::as_str).collect();
        if names.last() == Some(&"help") {
            return;
        }
        out.push('\n');
        entry(
            out,
            &super::clap::command_key(&names),
            cmd.get_about().map(|s| s.to_string()),
            cmd.get_long_about().map(|s| s.to_string()),
        );
        for arg in cmd.get_arguments() {
            if super::clap::is_builtin(arg) || (arg.is_global_set() && !names.is_empty()) {
                continue;
            }
            entry(
                out,
                &super::clap::arg_key(&names, arg),
                arg.get_help().map(|s| s.to_string()),
                arg.get_long_help().map(|s| s.to_string()),
            );
        }
        for sub in cmd.get_subcommands() {
            path.push(sub.get_name().to_string());
            walk(sub, path, out);
            path.pop();
        }
    }
    walk(&cmd, &mut Vec::new(), &mut out);
    std::fs::write("/tmp/help-en.ftl", out).unwrap();
}

#[test]
fn date_writes_an_iso_date_the_languages_way_and_leaves_anything_else() {
    let mut args = super::Args::new();
    args.set("date", super::value("2021-09-15"));
    args.set("since", super::value("2021-10"));
    let it = super::tr_in(Lang::It, "domain-step-before-phase", Some(&args));
    assert!(it.contains("il 15/09/2021 viene prima"), "{it}");
    assert!(it.contains("(2021-10)"), "not a whole date: as it is: {it}");
    let en = super::tr_in(Lang::En, "domain-step-before-phase", Some(&args));
    assert!(en.contains("2021-09-15"), "{en}");
}

//! `make dist` runs Trunk's builds only when something they read changed
//! (the Makefile's `TRUNK_INPUTS`). A file Trunk reads that is not listed
//! there would be left out of a rebuild without a word: a stale bundle.
//! So everything Trunk reads is checked to be listed: each `data-trunk`
//! link's file in `index.html`, the crate's sources and those of its path
//! dependencies, and the files that configure the builds.

use std::path::Path;

fn read(path: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The files and folders `TRUNK_INPUTS` names: its words, with those of its
/// `$(shell find … -type f)` taken as folders (or files) whose every file counts.
fn trunk_inputs() -> Vec<String> {
    let makefile = read("Makefile");
    let start = makefile
        .find("TRUNK_INPUTS :=")
        .expect("the Makefile defines TRUNK_INPUTS");
    // The definition runs on over lines ending in a backslash.
    let mut definition = String::new();
    for line in makefile[start + "TRUNK_INPUTS :=".len()..].lines() {
        definition.push_str(line.trim_end_matches('\\'));
        definition.push(' ');
        if !line.ends_with('\\') {
            break;
        }
    }
    definition
        .replace("$(shell find", " ")
        .replace("-type f)", " ")
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

fn covered(inputs: &[String], path: &str) -> bool {
    inputs
        .iter()
        .any(|i| path == i || path.starts_with(&format!("{i}/")))
}

/// The value of `name="…"` in one tag, if there.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[start..start + tag[start..].find('"')?])
}

#[test]
fn every_file_trunk_reads_is_a_trunk_input() {
    let inputs = trunk_inputs();
    let index = read("index.html");
    let mut links = 0;
    for piece in index.split("<link ").skip(1) {
        let tag = &piece[..piece.find('>').unwrap_or(piece.len())];
        if !tag.contains("data-trunk") {
            continue;
        }
        links += 1;
        if let Some(href) = attr(tag, "href") {
            assert!(
                covered(&inputs, href),
                "index.html's Trunk link to {href} is not in the Makefile's TRUNK_INPUTS: a change to it would not rebuild the bundle"
            );
        }
    }
    assert!(
        links >= 2,
        "index.html's Trunk links were not found ({links})"
    );

    // The crate and its path dependencies: their sources and manifests.
    let mut crates = vec![String::new()];
    for line in read("Cargo.toml").lines() {
        if let Some(path) = attr(&format!(" {}", line.replace(" = ", "=")), "path") {
            if !path.ends_with(".rs") {
                crates.push(format!("{path}/"));
            }
        }
    }
    assert!(
        crates.iter().any(|c| c == "core/"),
        "blog-core's path was not read from Cargo.toml: {crates:?}"
    );
    for dir in crates {
        for file in ["src/lib.rs", "Cargo.toml"] {
            let path = format!("{dir}{file}");
            assert!(
                covered(&inputs, &path),
                "{path} is not in the Makefile's TRUNK_INPUTS"
            );
        }
    }
    for file in [
        "index.html",
        "Trunk.toml",
        "Cargo.lock",
        "scripts/part-pages.mjs",
    ] {
        assert!(
            covered(&inputs, file),
            "{file} is not in the Makefile's TRUNK_INPUTS"
        );
    }
}

#[test]
fn the_reading_of_trunk_inputs_sees_folders_and_files() {
    let inputs = trunk_inputs();
    assert!(covered(&inputs, "src/ui/app.rs"), "{inputs:?}");
    assert!(covered(&inputs, "style/main.css"), "{inputs:?}");
    assert!(!covered(&inputs, "tests/layers.rs"), "{inputs:?}");
    assert!(!covered(&inputs, "srcx/a.rs"), "{inputs:?}");
}

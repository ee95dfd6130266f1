//! Imports point one way, downward: a module of the `blog` crate, or of the
//! dev API (`devapi/`), may use modules of its own layer or below, never
//! above, and no two modules use each other, directly or round a circle.
//! Read from the source text, so a new module must be given its layer here
//! (ARCHITECTURE.md says what each layer must not know).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Layers from the bottom; a module's layer is its longest matching prefix.
const BLOG_LAYERS: &[(&str, u32)] = &[
    // The API client and the page's data blocks: no UI.
    ("transport", 0),
    // What the components share: context types, a page's load state, the
    // sanitising walks, the crash notice.
    ("ui::app_context", 1),
    ("ui::page_data", 1),
    ("ui::safe_html", 1),
    ("ui::safe_html_prerendered", 1),
    ("ui::crash_notice", 1),
    ("ui::own_tasks", 1),
    // Small components, and what both pieces and the takeover carry over.
    ("ui::components", 2),
    ("ui::carry_over", 3),
    // The two interactive pieces.
    ("ui::comments", 4),
    ("ui::chat", 4),
    ("ui::pages", 5),
    ("ui::app", 6),
    // Starting the app over a prerendered page; attaching the parts to one.
    ("ui::takeover", 7),
    ("ui::part_attach", 7),
    ("ui::conversation", 7),
    ("ui::chat_part", 7),
    // Build time only: may render the UI, which never knows of it.
    ("prerender", 8),
    // Entry points.
    ("lib", 9),
    ("main", 9),
    ("bin", 9),
];

/// Modules that only declare their children (`mod.rs`): no layer.
const BLOG_DECLARATIONS: &[&str] = &[
    "transport",
    "ui",
    "prerender",
    "ui::comments",
    "ui::chat",
    "ui::components",
    "ui::pages",
];

/// The dev API: WordPress's plumbing at the bottom, the content model, the
/// state, the REST plumbing, the handlers, the test kit, the routers.
const DEVAPI_LAYERS: &[(&str, u32)] = &[
    // Leaves: time, hashing, WordPress's text filters, errors and answers,
    // query parsing, search, `_fields`, CORS, the static site's headers.
    ("clock", 0),
    ("md5", 0),
    ("html", 0),
    ("wp", 0),
    ("query", 0),
    ("search", 0),
    ("fields", 0),
    ("cors", 0),
    ("site_headers", 0),
    ("generated_text", 1),
    ("content", 2),
    ("store", 3),
    ("generate", 3),
    ("test_kit_state", 3),
    ("state", 4),
    ("rest", 5),
    ("shapes", 6),
    ("comments", 7),
    ("users", 7),
    ("terms", 7),
    ("posts", 8),
    ("static_files", 9),
    // The test kit's routes (`--test-control` only).
    ("control", 9),
    ("faults", 10),
    ("api", 11),
    ("app", 12),
    ("server", 12),
    ("lib", 13),
    ("main", 13),
];

/// A crate's source folder (relative to this crate) and its layers.
struct Crate {
    src: &'static str,
    layers: &'static [(&'static str, u32)],
    /// Modules that only declare their children: no layer.
    declarations: &'static [&'static str],
}

const CRATES: &[Crate] = &[
    Crate {
        src: "src",
        layers: BLOG_LAYERS,
        declarations: BLOG_DECLARATIONS,
    },
    Crate {
        src: "devapi/src",
        layers: DEVAPI_LAYERS,
        declarations: &[],
    },
];

impl Crate {
    fn root(&self) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(self.src)
    }

    fn layer(&self, module: &str) -> Option<u32> {
        self.layers
            .iter()
            .filter(|(prefix, _)| module == *prefix || module.starts_with(&format!("{prefix}::")))
            .max_by_key(|(prefix, _)| prefix.len())
            .map(|(_, rank)| *rank)
    }

    fn declares_only(&self, module: &str) -> bool {
        self.declarations.contains(&module)
    }
}

/// Every `.rs` file under a crate's source folder with its module path
/// (`ui::comments::form`).
fn modules(krate: &Crate) -> BTreeMap<String, PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    let root = krate.root();
    walk(&root, &mut files);
    files
        .into_iter()
        .map(|file| {
            let rel = file.strip_prefix(&root).unwrap().with_extension("");
            let mut module = rel.to_string_lossy().replace('/', "::");
            if let Some(parent) = module.strip_suffix("::mod") {
                module = parent.to_string();
            }
            (module, file)
        })
        .collect()
}

/// The code outside `#[cfg(test)]` modules (tests may reach anywhere),
/// without line comments (a doc comment may name any module).
fn code_of(text: &str) -> String {
    let code = text
        .find("#[cfg(test)]\nmod ")
        .map_or(text, |at| &text[..at]);
    code.lines()
        .map(|line| line.find("//").map_or(line, |at| &line[..at]))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths a `crate::…` or `super::…` mention names, brace groups
/// expanded: `crate::transport::{cache, seed}` → `transport::cache`,
/// `transport::seed`.
fn mentioned(code: &str, module: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for start in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(at) = code[from..].find(start) {
            let at = from + at;
            from = at + start.len();
            let before = code[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let base: Vec<String> = if start == "crate::" {
                Vec::new()
            } else {
                // `super` is the parent (a `mod.rs`'s module path is its folder's).
                let mut parts: Vec<String> = module.split("::").map(String::from).collect();
                parts.pop();
                parts
            };
            tree(&code[from..], base, &mut out);
        }
    }
    out
}

/// Reads a use tree at the start of `rest` into full paths.
fn tree(rest: &str, base: Vec<String>, out: &mut Vec<Vec<String>>) {
    let rest = rest.trim_start();
    // After a group's trailing comma: nothing.
    if rest.is_empty() {
        return;
    }
    if let Some(group) = rest.strip_prefix('{') {
        let mut depth = 0;
        let mut item_start = 0;
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    tree(&group[item_start..i], base.clone(), out);
                    return;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    tree(&group[item_start..i], base.clone(), out);
                    item_start = i + 1;
                }
                _ => {}
            }
        }
        return;
    }
    let ident: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    if ident.is_empty() || ident == "self" {
        out.push(base);
        return;
    }
    let mut path = base;
    path.push(ident.clone());
    match rest[ident.len()..].strip_prefix("::") {
        Some(more) => tree(more, path, out),
        None => out.push(path),
    }
}

/// The deepest module of the crate a path names.
fn module_named(path: &[String], known: &BTreeMap<String, PathBuf>) -> Option<String> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].join("::"))
        .find(|m| known.contains_key(m))
}

fn graph(krate: &Crate) -> BTreeMap<String, BTreeSet<String>> {
    let known = modules(krate);
    let mut edges = BTreeMap::new();
    for (module, file) in &known {
        let text = std::fs::read_to_string(file).unwrap();
        let used: BTreeSet<String> = mentioned(&code_of(&text), module)
            .iter()
            .filter_map(|path| module_named(path, &known))
            .filter(|used| used != module)
            .collect();
        edges.insert(module.clone(), used);
    }
    edges
}

#[test]
fn every_module_has_a_layer() {
    for krate in CRATES {
        let missing: Vec<String> = modules(krate)
            .into_keys()
            .filter(|m| !krate.declares_only(m) && krate.layer(m).is_none())
            .collect();
        assert!(
            missing.is_empty(),
            "give these modules of {} a layer in tests/layers.rs: {missing:?}",
            krate.src
        );
    }
}

/// A module that only declares its children is named by nobody: a use of
/// it (`use crate::ui::pages;` then `pages::home::…`) would hide which
/// module is really used. And it stays a list of `mod` lines, or a `pub use`
/// in it would hide every use that goes through it.
#[test]
fn folders_only_declare_their_modules() {
    let mut wrong = Vec::new();
    for krate in CRATES {
        let known = modules(krate);
        for (module, used) in graph(krate) {
            for target in used.iter().filter(|t| krate.declares_only(t)) {
                wrong.push(format!(
                    "{}: {module} uses the folder {target}: name its module",
                    krate.src
                ));
            }
        }
        for folder in krate.declarations {
            let text = std::fs::read_to_string(&known[*folder]).unwrap();
            for line in text.lines().map(str::trim) {
                let declares = line.is_empty()
                    || line.starts_with("//")
                    || line.starts_with("#[")
                    || (line.starts_with("pub mod ") || line.starts_with("mod "))
                        && line.ends_with(';');
                if !declares {
                    wrong.push(format!(
                        "{}: {folder} has more than declarations: {line}",
                        krate.src
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn imports_point_down() {
    let mut upward = Vec::new();
    for krate in CRATES {
        for (module, used) in graph(krate) {
            let Some(own) = krate.layer(&module) else {
                continue;
            };
            for target in used {
                if let Some(theirs) = krate.layer(&target).filter(|theirs| *theirs > own) {
                    upward.push(format!(
                        "{}: {module} (layer {own}) uses {target} (layer {theirs})",
                        krate.src
                    ));
                }
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports pointing up:\n{}",
        upward.join("\n")
    );
}

#[test]
fn no_two_modules_use_each_other() {
    // Depth-first search; a node met again while on the stack closes a circle.
    fn visit<'a>(
        node: &'a str,
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
        circles: &mut Vec<String>,
    ) {
        if let Some(at) = stack.iter().position(|n| *n == node) {
            circles.push(format!("{} → {node}", stack[at..].join(" → ")));
            return;
        }
        if !done.insert(node) {
            return;
        }
        stack.push(node);
        for next in edges.get(node).into_iter().flatten() {
            visit(next, edges, stack, done, circles);
        }
        stack.pop();
    }
    let mut circles = Vec::new();
    for krate in CRATES {
        let edges = graph(krate);
        let mut done = BTreeSet::new();
        for node in edges.keys() {
            visit(node, &edges, &mut Vec::new(), &mut done, &mut circles);
        }
    }
    assert!(
        circles.is_empty(),
        "modules that use each other:\n{}",
        circles.join("\n")
    );
}

#[test]
fn the_reader_of_imports_sees_them() {
    // The check cannot pass by reading nothing: known edges are found.
    let edges = graph(&CRATES[0]);
    assert!(
        edges["ui::comments::section"].contains("transport::comments"),
        "{edges:?}"
    );
    // Through a brace group: `use crate::transport::{config, wordpress}`.
    assert!(
        edges["ui::app"].contains("transport::wordpress"),
        "{:?}",
        edges["ui::app"]
    );
    assert!(
        edges["prerender::crawl"].contains("prerender::api"),
        "{:?}",
        edges["prerender::crawl"]
    );
    let devapi = graph(&CRATES[1]);
    assert!(devapi["posts"].contains("rest"), "{devapi:?}");
    assert!(devapi["app"].contains("api"), "{devapi:?}");
    // And a brace group read from text.
    let mut out = Vec::new();
    tree("a::{b, c::{d, e}, f,\n};", Vec::new(), &mut out);
    let joined: Vec<String> = out.iter().map(|p| p.join("::")).collect();
    assert_eq!(joined, ["a::b", "a::c::d", "a::c::e", "a::f"]);
}

//! The prerenderer as `make dist` runs it, when the API cannot be read: the
//! bundle must stay a working client-rendered app and the output must say so.
#![cfg(feature = "ssr")]

use std::process::Command;

const SHELL: &str = r#"<!doctype html>
<html lang="en"><head><title>Blog</title>
<script type="application/json" id="blog-config">{"apiBase": "/wp-json"}</script>
</head><body></body></html>
"#;

#[test]
fn an_unreachable_api_leaves_the_client_rendered_bundle() {
    let dist = std::env::temp_dir().join(format!("blog-prerender-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dist);
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), SHELL).unwrap();

    // Port 9 (discard) on loopback: nothing listens, the connection is refused.
    let out = Command::new(env!("CARGO_BIN_EXE_prerender"))
        .args(["--api", "http://127.0.0.1:9/wp-json", "--dist"])
        .arg(&dist)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("NOT PRERENDERED"), "{stdout}");
    assert!(stdout.contains("client-rendered"), "{stdout}");
    // The home page is still the shell, and nothing else was written.
    assert_eq!(
        std::fs::read_to_string(dist.join("index.html")).unwrap(),
        SHELL
    );
    let mut names: Vec<_> = std::fs::read_dir(&dist)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["index.html", "shell.html"]);
    let _ = std::fs::remove_dir_all(&dist);
}

#[test]
fn a_missing_api_flag_is_a_usage_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_prerender"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--api URL is required"));
}

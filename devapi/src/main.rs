//! `devapi`: the command line.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use devapi::{build_app, Config, Permalinks};

const USAGE: &str = "\
usage: devapi [--port 8081] [--data devapi/data/site.json] [--store PATH]
              [--generate N] [--static DIR] [--api-base URL] [--no-api]
              [--test-control] [--flood-seconds 15] [--public-origin URL]
              [--permalinks postname|day|month]

  --port N            port on 127.0.0.1 (0 = any free port)             [8081]
  --data PATH         content file                  [<crate>/data/site.json]
  --store PATH        JSON-lines file for POSTed comments
                                       [<crate>/../target/devapi-comments.jsonl]
  --generate N        serve a generated blog of N posts (deterministic; pages,
                      3 authors, 12 categories, 40 tags, comments) instead of
                      the data file's content (its site name and media kept);
                      store default: target/devapi-comments-generated-N.jsonl
  --static DIR        also serve this built frontend (fallback: shell.html or index.html)
  --api-base URL      set apiBase in <script id=\"blog-config\"> of served HTML
  --public-origin URL origin of every absolute link, whatever the Host
                      (as WordPress's site address)   [the request's Host]
  --site-config JSON  merge these keys into that config block too
  --no-api            no /wp-json routes (static only)
  --test-control      enable POST /__test/fault, /__test/clear,
                      /__test/posts, /__test/comments, and changes at run
                      time: /__test/edit, /__test/trash, /__test/publish,
                      /__test/approve, /__test/unapprove (see devapi/README.md)
  --flood-seconds N   comment flood window, 0 = off                       [15]
";

struct Cli {
    port: u16,
    config: Config,
}

fn parse_args(args: impl Iterator<Item = String>) -> Result<Cli, String> {
    let mut config = Config::new(Config::default_data_path());
    let mut store = None;
    let mut port = 8081;
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        // Accept both `--flag value` and `--flag=value`.
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Err(String::new()),
            "--port" => {
                port = value("--port")?
                    .parse()
                    .map_err(|_| "--port must be a number from 0 to 65535".to_string())?
            }
            "--data" => config.data_path = PathBuf::from(value("--data")?),
            "--store" => store = Some(PathBuf::from(value("--store")?)),
            "--generate" => {
                config.generate = Some(
                    value("--generate")?
                        .parse()
                        .map_err(|_| "--generate must be a number of posts".to_string())?,
                )
            }
            "--static" => config.static_dir = Some(PathBuf::from(value("--static")?)),
            "--api-base" => config.api_base = Some(value("--api-base")?),
            "--public-origin" => {
                config.public_origin =
                    Some(value("--public-origin")?.trim_end_matches('/').to_string())
            }
            "--site-config" => match serde_json::from_str(&value("--site-config")?) {
                Ok(serde_json::Value::Object(map)) => config.site_config.extend(map),
                _ => return Err("--site-config must be a JSON object".to_string()),
            },
            "--flood-seconds" => {
                config.flood_seconds = value("--flood-seconds")?
                    .parse()
                    .map_err(|_| "--flood-seconds must be a number".to_string())?
            }
            "--permalinks" => {
                config.permalinks = Permalinks::parse(&value("--permalinks")?)
                    .ok_or("--permalinks must be postname, day or month")?
            }
            "--no-api" => config.api = false,
            "--test-control" => config.test_control = true,
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    // Comments posted to a generated site stay apart from the demo's (their
    // post ids mean other posts).
    config.store_path = Some(store.unwrap_or_else(|| {
        match config.generate {
            Some(n) => Config::default_store_path()
                .with_file_name(format!("devapi-comments-generated-{n}.jsonl")),
            None => Config::default_store_path(),
        }
    }));
    Ok(Cli { port, config })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = match parse_args(std::env::args().skip(1)) {
        Ok(cli) => cli,
        Err(e) if e.is_empty() => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("devapi: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind(("127.0.0.1", cli.port)).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("devapi: cannot listen on 127.0.0.1:{}: {e}", cli.port);
            return ExitCode::FAILURE;
        }
    };
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(cli.port);
    let mut config = cli.config;
    config.default_origin = format!("http://127.0.0.1:{port}");
    let generate = config.generate;
    let started = std::time::Instant::now();
    let app = match build_app(config) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("devapi: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(n) = generate {
        eprintln!(
            "devapi: generated a site of {n} posts in {} ms",
            started.elapsed().as_millis()
        );
    }
    println!("devapi listening on http://127.0.0.1:{port}");
    let _ = std::io::stdout().flush();
    devapi::server::serve(listener, app, shutdown_signal()).await;
    eprintln!("devapi: stopped");
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::parse_args;

    fn args(list: &[&str]) -> impl Iterator<Item = String> {
        list.iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .into_iter()
    }

    #[test]
    fn defaults_and_flags() {
        let cli = parse_args(args(&[])).unwrap();
        assert_eq!(cli.port, 8081);
        assert!(cli.config.data_path.ends_with("data/site.json"));
        assert!(cli
            .config
            .store_path
            .unwrap()
            .ends_with("target/devapi-comments.jsonl"));
        assert!(cli.config.api && !cli.config.test_control);

        let cli = parse_args(args(&[
            "--port=0",
            "--static",
            "dist",
            "--api-base",
            "http://127.0.0.1:8081/wp-json",
            "--no-api",
            "--test-control",
            "--flood-seconds",
            "0",
        ]))
        .unwrap();
        assert_eq!(cli.port, 0);
        assert_eq!(cli.config.static_dir.unwrap().to_str(), Some("dist"));
        assert_eq!(
            cli.config.api_base.as_deref(),
            Some("http://127.0.0.1:8081/wp-json")
        );
        assert!(!cli.config.api && cli.config.test_control);
        assert_eq!(cli.config.flood_seconds, 0);

        let cli = parse_args(args(&["--generate", "10000"])).unwrap();
        assert_eq!(cli.config.generate, Some(10_000));
        assert!(cli
            .config
            .store_path
            .unwrap()
            .ends_with("target/devapi-comments-generated-10000.jsonl"));
        assert!(parse_args(args(&["--generate", "many"])).is_err());
        let cli = parse_args(args(&["--generate=5", "--store", "/tmp/x.jsonl"])).unwrap();
        assert_eq!(
            cli.config.store_path.unwrap().to_str(),
            Some("/tmp/x.jsonl")
        );

        assert!(parse_args(args(&["--port"])).is_err());
        assert!(parse_args(args(&["--bogus"])).is_err());
        assert_eq!(parse_args(args(&["--help"])).err().as_deref(), Some(""));
    }
}

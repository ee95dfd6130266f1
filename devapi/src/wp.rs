//! WordPress REST responses and errors.

use axum::body::Body;
use axum::http::{header, HeaderValue, Response, StatusCode};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

pub const JSON_CONTENT_TYPE: &str = "application/json; charset=UTF-8";

/// A `WP_Error` as the REST server sends it:
/// `{"code","message","data":{"status":N,…}}`.
#[derive(Debug, Clone)]
pub struct WpError {
    pub status: u16,
    pub code: String,
    pub message: String,
    /// Extra `data` members after `status`, in order.
    pub data: Vec<(String, Value)>,
    /// The `Allow` header: WordPress only sends it when the permission check
    /// of the matched route passed.
    pub allow: Option<&'static str>,
}

/// A JSON object that keeps its members in insertion order.
struct Ordered<'a>(Vec<(&'a str, &'a Value)>);

impl Serialize for Ordered<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl WpError {
    pub fn new(status: u16, code: &str, message: &str) -> Self {
        WpError {
            status,
            code: code.to_string(),
            message: message.to_string(),
            data: Vec::new(),
            allow: None,
        }
    }

    pub fn with_data(mut self, key: &str, value: Value) -> Self {
        self.data.push((key.to_string(), value));
        self
    }

    pub fn allow(mut self, methods: &'static str) -> Self {
        self.allow = Some(methods);
        self
    }

    pub fn no_route() -> Self {
        WpError::new(
            404,
            "rest_no_route",
            "No route was found matching the URL and request method.",
        )
    }

    pub fn to_json(&self) -> Vec<u8> {
        let status = Value::from(self.status);
        let mut data = vec![("status", &status)];
        data.extend(self.data.iter().map(|(k, v)| (k.as_str(), v)));
        let code = Value::String(self.code.clone());
        let message = Value::String(self.message.clone());
        let data = Ordered(data);
        #[derive(serde::Serialize)]
        struct Body<'a> {
            code: &'a Value,
            message: &'a Value,
            data: Ordered<'a>,
        }
        serde_json::to_vec(&Body {
            code: &code,
            message: &message,
            data,
        })
        .unwrap_or_default()
    }

    /// The body as a JSON value (tests, fault bodies).
    pub fn body(&self) -> Value {
        serde_json::from_slice(&self.to_json()).unwrap_or(Value::Null)
    }
}

/// A successful (or error) REST response before the CORS/Link headers that
/// every REST response gets.
#[derive(Debug)]
pub struct Rest {
    pub status: StatusCode,
    pub body: Vec<u8>,
    /// `X-WP-Total` and `X-WP-TotalPages`.
    pub total: Option<(usize, usize)>,
    /// Replaces the default `Link: <…/wp-json/>; rel="https://api.w.org/"`,
    /// as WordPress does for pagination and single posts.
    pub link: Option<String>,
    pub allow: Option<&'static str>,
    pub location: Option<String>,
}

impl Rest {
    /// A 200 answer to a GET with an already serialised body.
    pub fn ok(body: Vec<u8>) -> Self {
        Rest {
            status: StatusCode::OK,
            body,
            total: None,
            link: None,
            allow: Some("GET"),
            location: None,
        }
    }

    pub fn json<T: Serialize>(value: &T) -> Self {
        Rest::ok(serde_json::to_vec(value).unwrap_or_default())
    }

    pub fn status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }

    pub fn allow(mut self, allow: Option<&'static str>) -> Self {
        self.allow = allow;
        self
    }

    pub fn into_response(self) -> Response<Body> {
        let mut resp = Response::new(Body::from(self.body));
        *resp.status_mut() = self.status;
        let h = resp.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(JSON_CONTENT_TYPE),
        );
        if let Some((total, pages)) = self.total {
            h.insert("x-wp-total", HeaderValue::from(total));
            h.insert("x-wp-totalpages", HeaderValue::from(pages));
        }
        let mut set = |name: header::HeaderName, value: Option<String>| {
            if let Some(v) = value.and_then(|v| HeaderValue::from_str(&v).ok()) {
                h.insert(name, v);
            }
        };
        set(header::LINK, self.link);
        set(header::ALLOW, self.allow.map(str::to_string));
        set(header::LOCATION, self.location);
        resp
    }
}

impl From<WpError> for Rest {
    fn from(e: WpError) -> Self {
        Rest {
            status: StatusCode::from_u16(e.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            body: e.to_json(),
            total: None,
            link: None,
            allow: e.allow,
            location: None,
        }
    }
}

pub type RestResult = Result<Rest, WpError>;

//! JSON in the browser: the browser's own `JSON.parse` and `JSON.stringify`, with the trees
//! converted to and from the `serde_json::Value` that the pure core works on.
//!
//! The widget used to compile serde_json's parser and serializer into its WASM module; the
//! browser already has both, so every page was downloading a second copy (6.2 KiB gzip of
//! WASM, docs/size.md). The core keeps serde_json's `Value` as its JSON tree and its parser for the
//! CLI, the adapters' module and native tests.

use js_sys::{Array, Object, Reflect, JSON};
use serde_json::{Map, Number, Value};
use wasm_bindgen::{JsCast, JsValue};

use crate::{
    core::validate::{JsonSyntaxError, Place, MAX_BLOCKS, MAX_NESTING},
    host::JsonRest,
};

/// Reads a JSON text with `JSON.parse`. Its error message is the browser's, which is precise
/// (Chromium: `Expected ',' or '}' after property value in JSON at position 12 (line 1 column
/// 13)`); nesting deeper than [`MAX_NESTING`] is refused, as serde_json does.
pub fn parse(text: &str) -> Result<Value, JsonSyntaxError> {
    read(text, usize::MAX).map(|(value, _)| value)
}

/// [`parse`], with each translation's body cut to its first `first` blocks ([`Place::Body`]), and,
/// when anything was cut, the reading of the whole tree for later (`Host::read_json`). A document
/// whose bodies together pass [`MAX_BLOCKS`] is read whole at once: the validator refuses it
/// before anything of it is drawn, as any document over a limit.
pub fn read(text: &str, first: usize) -> Result<(Value, Option<JsonRest>), JsonSyntaxError> {
    let tree = JSON::parse(text).map_err(|e| JsonSyntaxError { at: None, reason: error_message(&e) })?;
    let mut bodies = Bodies::default();
    let value = from_js(&tree, 0, Place::Root, first, &mut bodies)?;
    // (A reading that cut nothing is already whole.)
    if bodies.cut && bodies.blocks > MAX_BLOCKS {
        return Ok((from_js(&tree, 0, Place::Root, usize::MAX, &mut bodies)?, None));
    }
    let rest: Option<JsonRest> = bodies
        .cut
        .then(|| Box::new(move || from_js(&tree, 0, Place::Root, usize::MAX, &mut Bodies::default())) as JsonRest);
    Ok((value, rest))
}

/// What a reading found of the bodies ([`Place::Body`]): their blocks together, and whether any
/// was cut.
#[derive(Default)]
struct Bodies {
    blocks: usize,
    cut: bool,
}

/// A JSON text, written by `JSON.stringify`.
pub fn stringify(value: &Value) -> String {
    JSON::stringify(&to_js(value)).ok().and_then(|s| s.as_string()).unwrap_or_default()
}

/// A JavaScript value for a JSON tree (an event's `detail`).
pub fn to_js(value: &Value) -> JsValue {
    match value {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => JsValue::from_f64(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => JsValue::from_str(s),
        Value::Array(items) => items.iter().map(to_js).collect::<Array>().into(),
        Value::Object(fields) => {
            let object = Object::new();
            for (key, value) in fields {
                // Cannot fail on a plain, extensible object.
                let _ = Reflect::set(&object, &JsValue::from_str(key), &to_js(value));
            }
            object.into()
        }
    }
}

/// The tree `JSON.parse` returned, as a `Value`. Object keys come in the order `JSON.parse` gives
/// them, which is the document's, except that keys that are array indices ("0", "12") come
/// first: no key whose order matters (translations, keyed by language tag) can be one. An array
/// at [`Place::Body`] keeps its first `first` items (`bodies` counts its items and says when it
/// had more).
fn from_js(
    value: &JsValue,
    depth: usize,
    place: Place,
    first: usize,
    bodies: &mut Bodies,
) -> Result<Value, JsonSyntaxError> {
    if let Some(text) = value.as_string() {
        return Ok(Value::String(text));
    }
    if let Some(n) = value.as_f64() {
        return Ok(Value::Number(number(n)));
    }
    if let Some(b) = value.as_bool() {
        return Ok(Value::Bool(b));
    }
    if value.is_null() {
        return Ok(Value::Null);
    }
    if depth >= MAX_NESTING {
        let reason = format!("more than {MAX_NESTING} levels of nesting (the recursion limit)");
        return Err(JsonSyntaxError { at: None, reason });
    }
    if let Some(items) = value.dyn_ref::<Array>() {
        let (len, keep) = (items.length(), place.keep(first).min(u32::MAX as usize) as u32);
        if place == Place::Body {
            bodies.blocks += len as usize;
        }
        bodies.cut |= len > keep;
        return (0..len.min(keep))
            .map(|i| from_js(&items.get(i), depth + 1, Place::Other, first, bodies))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array);
    }
    let object: &Object = value.unchecked_ref();
    let mut fields = Map::new();
    for key in Object::keys(object).iter() {
        let field = Reflect::get(object, &key).unwrap_or(JsValue::NULL);
        let key = key.as_string().unwrap_or_default();
        let value = from_js(&field, depth + 1, place.member(&key), first, bodies)?;
        fields.insert(key, value);
    }
    Ok(Value::Object(fields))
}

/// A JSON number as serde_json would have read it: whole numbers that fit exactly as integers
/// (so that `as_u64` works on them), others as floats. `JSON.parse` gives no NaN or infinity.
fn number(n: f64) -> Number {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    if n.fract() == 0.0 && n.abs() <= EXACT {
        if n >= 0.0 {
            Number::from(n as u64)
        } else {
            Number::from(n as i64)
        }
    } else {
        Number::from_f64(n).unwrap_or_else(|| Number::from(0))
    }
}

fn error_message(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_else(|| "JSON.parse failed".into())
}

//! The reader's remembered settings, in the page's `localStorage` under one prefix.

/// Prefix of the localStorage keys this widget uses.
const STORAGE_PREFIX: &str = "article-reader:";

fn local_storage() -> Option<web_sys::Storage> {
    // Both the getter and the storage itself may throw (disabled cookies, sandboxed frames).
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn setting(key: &str) -> Option<String> {
    local_storage()?.get_item(&format!("{STORAGE_PREFIX}{key}")).ok().flatten()
}

pub fn set_setting(key: &str, value: &str) {
    if let Some(storage) = local_storage() {
        // A full or disabled storage only means the choice is not remembered.
        let _ = storage.set_item(&format!("{STORAGE_PREFIX}{key}"), value);
    }
}

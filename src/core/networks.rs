//! The social networks the widget knows: one entry each, with its name, icon and how to share to it.
//!
//! Adding a share target, or a network for the publication's "follow us" row, is one entry here.
//! Brand icons are from the Simple Icons project (CC0-1.0); the generic ones are drawn for this
//! project. All are SVG path data in a 24×24 view box, rounded to a tenth of a unit (svgo,
//! `floatPrecision: 1`): at the 20 px they are drawn, under a tenth of a pixel, and half the bytes.

/// How a share control works for a network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShareAction {
    /// A plain link built from a template. Placeholders: `{url}`, `{title}` and `{title_url}`
    /// (title, a space, then the URL), each percent-encoded when filled in.
    Link(&'static str),
    /// Asks for the reader's own Mastodon instance, then opens its share page.
    Mastodon,
    /// Copies the link to the clipboard.
    Copy,
    /// The browser's own share sheet (Web Share API), shown only where it exists.
    Native,
}

/// A network the widget can share to or link to.
#[derive(Debug, PartialEq, Eq)]
pub struct Network {
    /// The name used in `data-share` and in an article's `follow[].network`.
    pub id: &'static str,
    /// The brand's own name (not translated).
    pub name: &'static str,
    /// `None` for networks that appear only in "follow us" links.
    pub share: Option<ShareAction>,
    /// SVG path data, 24×24.
    pub icon: &'static str,
}

/// Every known network, share targets first, in the default order of the share row.
pub static NETWORKS: &[Network] = &[
    Network { id: "x", name: "X", share: Some(ShareAction::Link("https://x.com/intent/post?url={url}&text={title}")), icon: "M14.2 10.2 23 0h-2l-7.7 8.8-6-8.8h-7l9.1 13.3L.3 24h2l8-9.3 6.4 9.3h7zm-2.8 3.3-1-1.4L3.2 1.6h3.2l6 8.5.9 1.3L21 22.5h-3.2z" },
    Network { id: "bluesky", name: "Bluesky", share: Some(ShareAction::Link("https://bsky.app/intent/compose?text={title_url}")), icon: "M5.2 2.9a28 28 0 0 1 6.8 8.5c1-2.3 4-6.5 6.8-8.5 2-1.5 5.2-2.7 5.2 1 0 .7-.4 6.1-.7 7-.8 3-4 3.9-6.7 3.4 4.8.8 6 3.6 3.4 6.3-5 5.2-7.3-1.3-7.8-3l-.2-.3-.2.3c-.5 1.7-2.7 8.2-7.8 3-2.7-2.7-1.4-5.5 3.4-6.3-2.8.5-5.9-.3-6.7-3.4C.4 10 0 4.6 0 4 0 .3 3.2 1.5 5.2 3" },
    Network { id: "facebook", name: "Facebook", share: Some(ShareAction::Link("https://www.facebook.com/sharer/sharer.php?u={url}")), icon: "M9.1 23.7v-8H6.6V12h2.5v-1.5q-.1-6 5.9-6h1.4l1.2.3V8h-1.4q-1 0-1.7.3l-.7.6q-.3.6-.3 1.7V12h3.9l-.4 2.1-.3 1.6h-3.2V24a12 12 0 1 0-4.4-.3" },
    Network { id: "telegram", name: "Telegram", share: Some(ShareAction::Link("https://t.me/share/url?url={url}&text={title}")), icon: "M12 0A12 12 0 0 0 0 12a12 12 0 0 0 12 12 12 12 0 0 0 12-12A12 12 0 0 0 12 0m5 7.2.4.2.1.3v.5c-.1 1.9-.9 6.5-1.3 8.6q-.3 1.3-.8 1.2-1 0-2-.9l-2.6-1.8c-1.2-.8-.4-1.2.3-1.9l3.3-3.2V10H14q-.2 0-5.1 3.3-.8.5-1.3.5-.8-.1-1.9-.5-1.2-.2-1.3-.8 0-.3 1-.6z" },
    Network { id: "vk", name: "VK", share: Some(ShareAction::Link("https://vk.com/share.php?url={url}&title={title}")), icon: "M9.5 0h7.9l.4.1h.7q2.6.3 3.8 1.6 1.4 1.2 1.5 3.8v.7l.1.4v2l.1.9v7.9l-.1.4v.7q-.4 2.6-1.6 3.8-1.2 1.4-3.8 1.5h-.7l-.4.1h-2l-.9.1H6.6l-.4-.1h-.7q-2.6-.4-3.8-1.6Q.4 21.1.2 18.5v-.7l-.1-.4v-2l-.1-.9V6.6l.1-.4v-.7Q.5 3 1.8 1.7 2.9.4 5.5.2h.7l.4-.1h2zM6.8 7.3H4c0 6.2 3.2 10 8.7 10h.3v-3.6a5 5 0 0 1 4.1 3.6H20a8 8 0 0 0-4.2-5 8 8 0 0 0 3.6-5h-2.6c-.6 2-2.2 3.8-3.8 4v-4h-2.6v7c-1.6-.5-3.6-2.4-3.7-7" },
    Network { id: "whatsapp", name: "WhatsApp", share: Some(ShareAction::Link("https://wa.me/?text={title_url}")), icon: "m17.5 14.4-2-1q-.4-.1-.7.2l-1 1.1q-.2.3-.6.1-.6 0-2.4-1.5l-1.7-2q-.1-.4.2-.6l.4-.6.3-.5v-.5L9 7q-.3-.7-.6-.5h-.6a1 1 0 0 0-.8.4c-.2.3-1 1-1 2.5 0 1.4 1 2.8 1.2 3s2.1 3.2 5.1 4.5l1.7.6a4 4 0 0 0 1.9.2c.5-.1 1.7-.8 2-1.5q.3-1 .1-1.4zM12 21.8a10 10 0 0 1-5-1.4l-.3-.2-3.8 1 1-3.7-.2-.3a10 10 0 0 1-1.5-5.3 9.9 9.9 0 0 1 16.8-7 10 10 0 0 1 3 7 10 10 0 0 1-10 9.9m8.5-18.3A12 12 0 0 0 12 0 12 12 0 0 0 1.7 17.8L.1 24l6.3-1.7a12 12 0 0 0 5.6 1.5 12 12 0 0 0 12-11.9 12 12 0 0 0-3.5-8.4" },
    Network { id: "linkedin", name: "LinkedIn", share: Some(ShareAction::Link("https://www.linkedin.com/sharing/share-offsite/?url={url}")), icon: "M3.5 9H7v11.5H3.5zm1.8-5.7a2 2 0 1 1 0 4 2 2 0 0 1 0-4M9.5 9h3.3v1.6a4 4 0 0 1 3.6-1.9c3.5 0 4.1 2.3 4.1 5.3v6.5H17v-5.8c0-1.4 0-3.1-1.9-3.1s-2.2 1.5-2.2 3v5.9H9.5z" },
    Network { id: "reddit", name: "Reddit", share: Some(ShareAction::Link("https://www.reddit.com/submit?url={url}&title={title}")), icon: "M12 0a12 12 0 0 0-8.5 20.5l-2.3 2.3a.7.7 0 0 0 .5 1.2H12a12 12 0 0 0 0-24m4.4 3.2a2 2 0 1 1-2 2.5q-1.8.3-2 2.3 2.7.1 4.7 1.4a2.8 2.8 0 0 1 4.5 2.2q-.1 1.7-1.6 2.5c0 3.3-3.6 5.9-8 5.9s-7.9-2.6-8-5.9a2.8 2.8 0 1 1 3-4.7A10 10 0 0 1 11.4 8c0-1.7 1.3-3 3-3.2a2 2 0 0 1 1.9-1.6m-8.1 8.4q-1.3.1-1.5 1.8.1 1.5 1.4 1.4 1.3 0 1.4-1.4 0-1.6-1.3-1.8m7.4 0q-1.3.1-1.3 1.8.1 1.5 1.4 1.4 1.4 0 1.4-1.4-.1-1.7-1.5-1.8m-3.7 4-2.8.1q-.2 0-.1.3a3.2 3.2 0 0 0 5.9 0q0-.2-.2-.3z" },
    Network { id: "mastodon", name: "Mastodon", share: Some(ShareAction::Mastodon), icon: "M23.3 5.3a6 6 0 0 0-5.3-5c-.5 0-2.2-.3-6.2-.3S6.9.2 6.5.3C3.9.7 1.5 2.5.9 5.1q-.4 2-.2 4 0 3 .2 5.7l.6 3.6c.6 2.3 2.8 4.1 5 4.9a13 13 0 0 0 8 .2q1-.2 1.8-.8v-1.9a20 20 0 0 1-4.7.5c-2.8 0-3.5-1.2-3.7-1.8l-.3-1.4q2.4.5 4.7.5h1.1l4.8-.4c2.5-.5 4.8-2 5-5.7V11c0-.6.3-3.7 0-5.6m-3.8 9.2H17V8.3q0-2-1.7-2-1.8 0-1.9 2.4V12H11V8.7q0-2.4-1.9-2.4-1.5 0-1.6 2v6.2H4.8V8.1q0-2 1-3.1t2.8-1.2q2 0 3 1.5l.6 1 .6-1q1-1.5 3-1.5 1.6 0 2.7 1.2 1 1.2 1 3.1z" },
    Network { id: "email", name: "Email", share: Some(ShareAction::Link("mailto:?subject={title}&body={url}")), icon: "M3 5h18a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1m1.6 2 7.4 5.1L19.4 7zM20 8.7l-8 5.5-8-5.5V17h16z" },
    Network { id: "copy", name: "Copy link", share: Some(ShareAction::Copy), icon: "M10.6 13.4a1 1 0 0 1 0-1.4l3.5-3.5a1 1 0 1 1 1.4 1.4L12 13.4a1 1 0 0 1-1.4 0m-2.8 6.4A4 4 0 0 1 5 13l2.1-2.1a1 1 0 1 1 1.4 1.4l-2.1 2.1a2 2 0 0 0 2.8 2.8l2.1-2.1a1 1 0 1 1 1.4 1.4l-2.1 2.1a4 4 0 0 1-2.8 1.2m8.5-6.1a1 1 0 0 1-.7-1.7l2.1-2.1a2 2 0 0 0-2.8-2.8l-2.1 2.1a1 1 0 1 1-1.4-1.4l2-2.1a4 4 0 0 1 5.6 5.6l-2 2.1z" },
    Network { id: "native", name: "Share", share: Some(ShareAction::Native), icon: "M18 16a3 3 0 0 0-2.4 1.2l-6.7-3.4a3 3 0 0 0 0-1.6l6.7-3.4A3 3 0 1 0 15 7l.1.8-6.7 3.4a3 3 0 1 0 0 3.6l6.7 3.4A3 3 0 1 0 18 16" },
    Network { id: "rss", name: "RSS", share: None, icon: "M19.2 24C19.2 13.5 10.5 4.8 0 4.8V0a24 24 0 0 1 24 24zm-16-6.6a3.3 3.3 0 1 1 0 6.6 3.3 3.3 0 0 1 0-6.6M16 24h-4.7c0-6.2-5-11.2-11.2-11.2V8A16 16 0 0 1 16 24" },
    Network { id: "website", name: "Website", share: None, icon: "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20m6.9 6h-3a16 16 0 0 0-1.4-3.6A8 8 0 0 1 18.9 8M12 4q1.3 1.8 1.9 4h-3.8q.7-2.2 1.9-4M4.3 14a8 8 0 0 1 0-4h3.4a17 17 0 0 0 0 4zm.8 2h3q.5 2 1.4 3.6A8 8 0 0 1 5.1 16m3-8h-3a8 8 0 0 1 4.3-3.6Q8.6 6.1 8.1 8M12 20q-1.3-1.8-1.9-4h3.8q-.7 2.2-1.9 4m2.3-6H9.7a15 15 0 0 1 0-4h4.6a15 15 0 0 1 0 4m.3 5.6q1-1.6 1.4-3.6h3a8 8 0 0 1-4.4 3.6m1.7-5.6a17 17 0 0 0 0-4h3.4a8 8 0 0 1 0 4z" },
];

/// A share control `data-share` can name: the networks of [`NETWORKS`] that have a share action,
/// in the same order (they come first there), so that a target's entry is found by its position.
/// Its name is its entry's `id`: the one name table is [`NETWORKS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShareTarget {
    X,
    Bluesky,
    Facebook,
    Telegram,
    Vk,
    WhatsApp,
    LinkedIn,
    Reddit,
    Mastodon,
    Email,
    Copy,
    Native,
}

impl ShareTarget {
    pub const ALL: [ShareTarget; 12] = [
        ShareTarget::X,
        ShareTarget::Bluesky,
        ShareTarget::Facebook,
        ShareTarget::Telegram,
        ShareTarget::Vk,
        ShareTarget::WhatsApp,
        ShareTarget::LinkedIn,
        ShareTarget::Reddit,
        ShareTarget::Mastodon,
        ShareTarget::Email,
        ShareTarget::Copy,
        ShareTarget::Native,
    ];

    /// Its network: name, icon and share action.
    pub fn network(self) -> &'static Network {
        &NETWORKS[self as usize]
    }

    /// Its name in `data-share` and in the `article-reader:share` event's `target`.
    pub fn id(self) -> &'static str {
        self.network().id
    }

    /// The target a `data-share` name gives (any case); anything else is `None`.
    pub fn named(name: &str) -> Option<ShareTarget> {
        ShareTarget::ALL.into_iter().find(|t| t.id().eq_ignore_ascii_case(name))
    }
}

/// The share targets shown when `data-share` is absent (SPEC section 2).
pub const DEFAULT_SHARE: &[ShareTarget] = &[
    ShareTarget::X,
    ShareTarget::Facebook,
    ShareTarget::Telegram,
    ShareTarget::WhatsApp,
    ShareTarget::LinkedIn,
    ShareTarget::Email,
    ShareTarget::Copy,
    ShareTarget::Native,
];

/// The network called `id`, if the widget knows it.
pub fn network(id: &str) -> Option<&'static Network> {
    NETWORKS.iter().find(|n| n.id.eq_ignore_ascii_case(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_targets_are_the_networks_that_share_in_their_order() {
        let sharing: Vec<&str> = NETWORKS.iter().filter(|n| n.share.is_some()).map(|n| n.id).collect();
        let targets: Vec<&str> = ShareTarget::ALL.iter().map(|t| t.id()).collect();
        assert_eq!(targets, sharing);
        for (i, t) in ShareTarget::ALL.into_iter().enumerate() {
            assert_eq!(t as usize, i);
            assert!(t.network().share.is_some(), "{t:?}");
            assert_eq!(ShareTarget::named(&t.id().to_uppercase()), Some(t));
        }
        // The SPEC's list of targets (section 5), in the order it names them.
        let spec = ["x", "bluesky", "facebook", "telegram", "vk", "whatsapp", "linkedin", "reddit", "mastodon"];
        assert_eq!(&targets[..spec.len()], spec);
        assert_eq!(&targets[spec.len()..], ["email", "copy", "native"]);
        assert_eq!(ShareTarget::named("rss"), None);
    }
}

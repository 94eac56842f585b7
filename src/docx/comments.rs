//! `comments.xml` and `commentsExtended.xml`: how many comments, and how many are marked done.
//! Comments written by planlint itself ([`crate::annotate::AUTHOR`]) are not counted: they are
//! its findings, not the drafters' open questions.

use std::collections::HashMap;

use super::Comments;
use super::error::DocxError;
use super::xml::{Ev, Xml, on_off};

/// Count the comments of `comments` (part bytes, part name); `extended` tells which are done.
/// A comment is resolved when it, or the comment its thread starts with, is marked done.
pub(super) fn count(
    comments: (&[u8], &str),
    extended: Option<(&[u8], &str)>,
    max_depth: usize,
) -> Result<Comments, DocxError> {
    // For each comment, the paraId of its last paragraph (how commentsExtended names it).
    let mut last_para: Vec<Option<String>> = Vec::new();
    let mut x = Xml::new(comments.0, comments.1, max_depth);
    let mut in_comment = 0;
    while let Some(ev) = x.next()? {
        match ev {
            Ev::Start(e) | Ev::Empty(e)
                if e.name().as_ref() == b"w:comment"
                    && x.attr(&e, b"w:author").as_deref() == Some(crate::annotate::AUTHOR) =>
            {
                // One of planlint's: not counted.
            }
            Ev::Start(e) | Ev::Empty(e) if e.name().as_ref() == b"w:comment" => {
                last_para.push(None);
                in_comment = x.depth();
            }
            Ev::Start(e) | Ev::Empty(e) if in_comment > 0 && e.name().as_ref() == b"w:p" => {
                if let (Some(id), Some(slot)) = (x.attr(&e, b"w14:paraId"), last_para.last_mut()) {
                    *slot = Some(id);
                }
            }
            Ev::End if x.depth() < in_comment => in_comment = 0,
            _ => {}
        }
    }
    // paraId → (done, parent paraId)
    let mut ext: HashMap<String, (bool, Option<String>)> = HashMap::new();
    if let Some((bytes, part)) = extended {
        let mut x = Xml::new(bytes, part, max_depth);
        while let Some(ev) = x.next()? {
            if let Ev::Start(e) | Ev::Empty(e) = ev
                && e.name().as_ref() == b"w15:commentEx"
                && let Some(id) = x.attr(&e, b"w15:paraId")
            {
                let done = x.attr(&e, b"w15:done").is_some_and(|d| on_off(Some(&d)));
                ext.insert(id, (done, x.attr(&e, b"w15:paraIdParent")));
            }
        }
    }
    let mut out = Comments::default();
    for id in &last_para {
        let own = id.as_ref().and_then(|i| ext.get(i));
        let parent = own.and_then(|(_, p)| p.as_ref()).and_then(|p| ext.get(p));
        let done = own.is_some_and(|(d, _)| *d) || parent.is_some_and(|(d, _)| *d);
        if done {
            out.resolved += 1;
        } else {
            out.open += 1;
        }
    }
    Ok(out)
}

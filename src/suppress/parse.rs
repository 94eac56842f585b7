//! Reading the directives of a file's text: HTML comments in text and Markdown, YAML comments
//! in structured plans; then the stretch of text each code applies to.

use super::*;

/// Letters then digits (`T103`, `t1033`, `TT10`): what a code, maybe mistyped, looks like. Other
/// words (`vì`, `because`, a rule name) are not taken for codes.
fn looks_like_code(word: &str) -> bool {
    let letters = word.bytes().take_while(u8::is_ascii_alphabetic).count();
    let digits = word.bytes().skip(letters).take_while(u8::is_ascii_digit).count();
    letters > 0 && digits > 0 && letters + digits == word.len() && word.len() <= 8
}

/// Whether a byte can continue a word (so `planlintx` is not `planlint`).
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether `s` starts with the ASCII word `word`, in any case, not followed by a word character.
fn starts_with_word(s: &str, word: &str) -> bool {
    let (b, w) = (s.as_bytes(), word.as_bytes());
    b.get(..w.len()).is_some_and(|p| p.eq_ignore_ascii_case(w)) && !b.get(w.len()).copied().is_some_and(is_word_byte)
}

/// Start of the line holding `offset` (`\n`, `\r\n` and a lone `\r` end lines).
fn line_start(text: &str, offset: usize) -> usize {
    text.get(..offset).and_then(|p| p.rfind(['\n', '\r'])).map_or(0, |i| i + 1)
}

/// End of the content of the line holding `offset` (before its line end).
fn line_end(text: &str, offset: usize) -> usize {
    text.get(offset..).and_then(|r| r.find(['\n', '\r'])).map_or(text.len(), |i| offset + i)
}

/// Start of the line after the one whose content ends at `end`, if there is one.
fn next_line_start(text: &str, end: usize) -> Option<usize> {
    let b = text.as_bytes();
    match b.get(end)? {
        b'\r' if b.get(end + 1) == Some(&b'\n') => Some(end + 2),
        _ => Some(end + 1),
    }
}

/// The words of a code list (separated by commas and/or white space), with their byte offsets.
fn tokens(list: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in list.char_indices() {
        if c == ',' || c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((s, list.get(s..i).unwrap_or_default()));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, list.get(s..).unwrap_or_default()));
    }
    out
}

/// Skip spaces and tabs from `i`.
fn skip_blank(text: &str, mut i: usize) -> usize {
    while matches!(text.as_bytes().get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    i
}

/// A directive's text for quoting: at most [`QUOTE_CHARS`] characters.
fn quote(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(QUOTE_CHARS).collect();
    if chars.next().is_some() { format!("{head}…") } else { head }
}

pub(super) struct Parser<'t> {
    pub(super) text: &'t str,
    pub(super) out: Suppressions,
}

impl Parser<'_> {
    fn push_directive(&mut self, verb: Verb, start: usize, end: usize) -> usize {
        let quote = quote(self.text.get(start..end).unwrap_or_default());
        self.out.directives.push(Directive { verb, span: Span::new(start, end), quote, target: None, reason: None });
        self.out.directives.len() - 1
    }

    fn problem(&mut self, problem: Problem, start: usize, end: usize, directive: usize) {
        self.out.malformed.push(Malformed { problem, span: Span::new(start, end), directive });
    }

    /// `<!-- planlint-verb CODES [-- reason] -->` comments.
    pub(super) fn text_directives(&mut self) {
        let text = self.text;
        let mut from = 0;
        // `find` of one ASCII byte is a memchr; `<` is rare in plans, so this is one fast scan.
        while let Some(found) = text.get(from..).and_then(|r| r.find('<')) {
            let open = from + found;
            from = open + 1;
            if !text.get(open..).is_some_and(|r| r.starts_with("<!--")) {
                continue;
            }
            from = open + 4;
            let word = skip_blank(text, from);
            if !starts_with_word(text.get(word..).unwrap_or_default(), "planlint") {
                continue;
            }
            let eol = line_end(text, word);
            let Some(close) = text.get(word..eol).and_then(|r| r.find("-->")).map(|i| word + i) else {
                let d = self.push_directive(Verb::Broken, open, eol);
                self.problem(Problem::Unclosed, open, eol, d);
                continue;
            };
            let end = close + 3;
            from = end;
            self.text_directive(open, word + "planlint".len(), close, end);
        }
    }

    /// One text directive: `after` is just past `planlint`, `close` at `-->`, `end` past it.
    fn text_directive(&mut self, open: usize, after: usize, close: usize, end: usize) {
        let text = self.text;
        let bytes = text.as_bytes();
        // The verb: `-disable-next-line` and the like.
        let (verb_start, hyphen) = match bytes.get(after) {
            Some(b'-') => (after + 1, true),
            _ => (skip_blank(text, after).max(after), false),
        };
        let verb_start = if hyphen {
            verb_start
        } else {
            let mut i = verb_start;
            while matches!(bytes.get(i), Some(b':' | b' ' | b'\t')) && i < close {
                i += 1;
            }
            i
        };
        let mut verb_end = verb_start;
        while verb_end < close && bytes.get(verb_end).is_some_and(|b| b.is_ascii_alphabetic() || *b == b'-') {
            verb_end += 1;
        }
        while verb_end > verb_start && bytes.get(verb_end - 1) == Some(&b'-') {
            verb_end -= 1;
        }
        let written_verb = text.get(verb_start..verb_end).unwrap_or_default().to_ascii_lowercase();
        let verb = match (hyphen, written_verb.as_str()) {
            (true, "disable-next-line") => Some(Verb::NextLine),
            (true, "disable") => Some(Verb::Disable),
            (true, "enable") => Some(Verb::Enable),
            _ => None,
        };
        let Some(verb) = verb else {
            let d = self.push_directive(Verb::Broken, open, end);
            let written = if hyphen {
                format!("planlint-{written_verb}")
            } else {
                text.get(open..verb_end).map(|s| s.trim_start_matches("<!--").trim().to_owned()).unwrap_or_default()
            };
            let suggestion = crate::dsl::suggest(&written_verb, TEXT_VERBS);
            self.problem(Problem::UnknownVerb { written, suggestion }, open, end, d);
            return;
        };
        let d = self.push_directive(verb, open, end);
        // Codes: up to a `--` that starts a reason, or the end of the comment.
        let mut codes_start = verb_end;
        if bytes.get(skip_blank(text, codes_start)) == Some(&b':') {
            codes_start = skip_blank(text, codes_start) + 1;
        }
        let codes_end = text.get(codes_start..close).and_then(|r| r.find("--")).map_or(close, |i| codes_start + i);
        self.codes(d, codes_start, codes_end);
        self.reason(d, text.get(codes_end..close).map(|r| r.trim_start_matches('-')));
    }

    /// Record the reason of directive `d`: the words of `written`, if any.
    fn reason(&mut self, d: usize, written: Option<&str>) {
        let words: Vec<&str> = written.unwrap_or_default().split_whitespace().collect();
        if let (false, Some(directive)) = (words.is_empty(), self.out.directives.get_mut(d)) {
            directive.reason = Some(words.join(" "));
        }
    }

    /// Split `start..end` into codes (commas and/or white space between them) and record them;
    /// the first word that cannot be a code ends the list with one problem (it is usually a
    /// reason written in the wrong place). No code at all is a problem too.
    fn codes(&mut self, d: usize, start: usize, end: usize) {
        let text = self.text;
        let list = text.get(start..end).unwrap_or_default();
        let mut any = false;
        for (offset, token) in tokens(list) {
            let at = start + offset;
            let token = token.trim_end_matches('-');
            if token.is_empty() {
                continue;
            }
            any = true;
            if looks_like_code(token) {
                self.out.entries.push(Entry {
                    code: token.to_owned(),
                    key: token.to_ascii_uppercase(),
                    span: Span::new(at, at + token.len()),
                    directive: d,
                    scope: None,
                    closed: false,
                });
            } else {
                let rest = text.get(at..end).unwrap_or_default().trim_end();
                self.problem(Problem::NotCode { token: quote(rest) }, at, at + rest.len(), d);
                return;
            }
        }
        if !any {
            let span = self.out.directives.get(d).map(|x| x.span).unwrap_or_default();
            self.problem(Problem::MissingCodes, span.start, span.end, d);
        }
    }

    /// `# planlint: ignore[CODES] [reason]` comments.
    pub(super) fn yaml_directives(&mut self) {
        let text = self.text;
        let bytes = text.as_bytes();
        for (hash, _) in text.match_indices('#') {
            // A YAML comment starts a line or follows white space.
            if hash > 0 && !matches!(bytes.get(hash - 1), Some(b' ' | b'\t' | b'\n' | b'\r')) {
                continue;
            }
            let word = skip_blank(text, hash + 1);
            if !starts_with_word(text.get(word..).unwrap_or_default(), "planlint") {
                continue;
            }
            let eol = line_end(text, hash);
            let end = hash + text.get(hash..eol).unwrap_or_default().trim_end().len();
            let own_line = text.get(line_start(text, hash)..hash).is_some_and(|p| p.trim().is_empty());
            let verb = if own_line { Verb::IgnoreNext } else { Verb::IgnoreHere };
            let d = self.push_directive(verb, hash, end);
            match yaml_codes(text, word + "planlint".len(), end) {
                Some((open, close)) => {
                    self.codes(d, open, close);
                    self.reason(d, text.get(close + 1..end));
                }
                None => self.problem(Problem::YamlForm, hash, end, d),
            }
        }
    }

    /// Give each code its scope, now that all directives are known.
    pub(super) fn resolve_scopes(&mut self) {
        let text = self.text;
        // Lines holding nothing but one directive: skipped when looking for "the next line".
        let mut alone: Vec<usize> = self
            .out
            .directives
            .iter()
            .filter(|d| {
                let (start, end) = (line_start(text, d.span.start), line_end(text, d.span.end));
                text.get(start..d.span.start).is_some_and(|p| p.trim().is_empty())
                    && text.get(d.span.end..end).is_some_and(|s| s.trim().is_empty())
            })
            .map(|d| line_start(text, d.span.start))
            .collect();
        alone.sort_unstable();
        let skippable = |start: usize, end: usize| {
            alone.binary_search(&start).is_ok() || text.get(start..end).is_some_and(|l| l.trim().is_empty())
        };
        let next_line = |after: usize| {
            let mut end = line_end(text, after);
            loop {
                let start = next_line_start(text, end)?;
                end = line_end(text, start);
                if !skippable(start, end) {
                    return Some((start, end));
                }
            }
        };
        let top_of_file = |line: usize| {
            let mut start = 0;
            while start < line {
                let end = line_end(text, start);
                if !skippable(start, end) {
                    return false;
                }
                match next_line_start(text, end) {
                    Some(next) => start = next,
                    None => break,
                }
            }
            true
        };

        let after_line = |end: usize| next_line_start(text, end).unwrap_or(text.len() + 1);

        // Codes of open `disable` stretches, by code.
        let mut open: HashMap<String, Vec<usize>> = HashMap::new();
        let mut problems: Vec<(Problem, Span, usize)> = Vec::new();
        for i in 0..self.out.entries.len() {
            let Some(e) = self.out.entries.get(i) else { continue };
            let (key, di) = (e.key.clone(), e.directive);
            let Some(d) = self.out.directives.get(di) else { continue };
            let (verb, span) = (d.verb, d.span);
            let mut target = None;
            let mut scope = None;
            match verb {
                Verb::NextLine | Verb::IgnoreNext => match next_line(span.end) {
                    Some((start, end)) => {
                        target = Some(Span::new(start, end));
                        scope = Some((start, after_line(end)));
                    }
                    None if !problems.iter().any(|(_, _, x)| *x == di) => {
                        problems.push((Problem::NoNextLine, span, di));
                    }
                    None => {}
                },
                Verb::IgnoreHere => {
                    let (start, end) = (line_start(text, span.start), line_end(text, span.start));
                    target = Some(Span::new(start, end));
                    scope = Some((start, after_line(end)));
                }
                Verb::Disable => {
                    let line = line_start(text, span.start);
                    scope = Some((if top_of_file(line) { 0 } else { line }, text.len() + 1));
                    open.entry(key).or_default().push(i);
                }
                Verb::Enable => {
                    // Ends every open stretch of this code where this line starts.
                    let stack = open.remove(&key).unwrap_or_default();
                    if stack.is_empty() {
                        let code = e.code.clone();
                        problems.push((Problem::EnableWithoutDisable { code }, e.span, di));
                    }
                    let end = line_start(text, span.start);
                    for j in stack {
                        if let Some(opened) = self.out.entries.get_mut(j) {
                            opened.scope = opened.scope.map(|(start, _)| (start, end.max(start)));
                            opened.closed = true;
                        }
                    }
                }
                Verb::Broken => {}
            }
            if let Some(e) = self.out.entries.get_mut(i) {
                e.scope = scope;
            }
            if let (Some(d), Some(t)) = (self.out.directives.get_mut(di), target) {
                d.target = Some(t);
            }
        }
        for (problem, span, d) in problems {
            self.problem(problem, span.start, span.end, d);
        }
    }
}

/// The byte range of the code list of `# planlint: ignore[…]` (inside the brackets), given the
/// offset just past `planlint` and the end of the comment; `None` when the comment has another form.
fn yaml_codes(text: &str, after: usize, end: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut i = skip_blank(text, after);
    if bytes.get(i) != Some(&b':') {
        return None;
    }
    i = skip_blank(text, i + 1);
    if !text.get(i..end).is_some_and(|r| r.as_bytes().get(..6).is_some_and(|w| w.eq_ignore_ascii_case(b"ignore"))) {
        return None;
    }
    i = skip_blank(text, i + 6);
    if bytes.get(i) != Some(&b'[') {
        return None;
    }
    let close = i + text.get(i..end)?.find(']')?;
    // After `]`: nothing, or a reason after white space.
    let rest = text.get(close + 1..end)?;
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some((i + 1, close))
}

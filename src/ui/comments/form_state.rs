//! The comment form's state, owned by the comments section so the form can
//! move (under a comment for a reply, back to the end) without losing a
//! character.

use blog_core::data::comment::{Comment, CommentDraft};
use blog_core::data::comment_outcome::{
    outcome_from_success, problem_from_error, FormProblem, PostOutcome, ProblemKind,
};
use blog_core::rules::comment_validation::{validate, validate_field, Field, FieldError};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::transport::comments::{send, CommentsOf};
use serde::{Deserialize, Serialize};

use crate::transport::device_store::{self, keys};

/// The comment being replied to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyTarget {
    pub id: u64,
    pub author: String,
}

/// Name, email and website remembered with consent.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Commenter {
    pub name: String,
    pub email: String,
    pub url: String,
}

#[derive(Clone, Copy)]
pub struct FormState {
    pub post: u64,
    /// Whose comments, with a protected post's password (sent with a new
    /// comment, as WordPress asks).
    pub of: StoredValue<CommentsOf>,
    pub content: RwSignal<String>,
    pub name: RwSignal<String>,
    pub email: RwSignal<String>,
    pub url: RwSignal<String>,
    pub remember: RwSignal<bool>,
    pub reply_to: RwSignal<Option<ReplyTarget>>,
    /// Field errors, in form order; shown after the first submit.
    pub errors: RwSignal<Vec<FieldError>>,
    /// After the first submit, touched fields are re-checked as they change.
    pub submitted: RwSignal<bool>,
    /// What the server said no to (or that it could not be reached).
    pub problem: RwSignal<Option<FormProblem>>,
    pub posting: RwSignal<bool>,
    /// Bumped to ask the error summary to take focus.
    pub focus_summary: RwSignal<u32>,
    /// A polite status for screen readers ("Your comment has been published").
    pub status: RwSignal<String>,
    /// Comments the visitor wrote in this session or that await moderation.
    pub mine: RwSignal<Vec<Comment>>,
}

impl FormState {
    pub fn new(post: u64, of: StoredValue<CommentsOf>) -> Self {
        FormState {
            post,
            of,
            content: RwSignal::new(String::new()),
            name: RwSignal::new(String::new()),
            email: RwSignal::new(String::new()),
            url: RwSignal::new(String::new()),
            remember: RwSignal::new(false),
            reply_to: RwSignal::new(None),
            errors: RwSignal::new(Vec::new()),
            submitted: RwSignal::new(false),
            problem: RwSignal::new(None),
            posting: RwSignal::new(false),
            focus_summary: RwSignal::new(0),
            status: RwSignal::new(String::new()),
            mine: RwSignal::new(Vec::new()),
        }
    }

    pub fn parent(&self) -> u64 {
        self.reply_to
            .with_untracked(|r| r.as_ref().map_or(0, |r| r.id))
    }

    pub fn draft(&self) -> CommentDraft {
        CommentDraft {
            content: self.content.get_untracked(),
            name: self.name.get_untracked(),
            email: self.email.get_untracked(),
            url: self.url.get_untracked(),
        }
    }

    /// The error for one field, if it has one.
    pub fn error_for(&self, field: Field) -> Option<String> {
        self.errors.with(|errors| {
            errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone())
        })
    }

    /// Re-checks one field after the first submit, as the visitor types.
    pub fn recheck(&self, field: Field) {
        if !self.submitted.get_untracked() {
            return;
        }
        let fresh = validate_field(&self.draft(), field);
        self.errors.update(|errors| {
            let at = errors.iter().position(|e| e.field == field);
            match (at, fresh) {
                (Some(i), Some(e)) => errors[i] = e,
                (Some(i), None) => {
                    errors.remove(i);
                }
                (None, Some(e)) => {
                    // In the form's order (`Field`'s own), as a submit lists
                    // them: inserted, not sorted (a sort is kilobytes of
                    // WASM for four items).
                    let at = errors
                        .iter()
                        .position(|x| x.field > field)
                        .unwrap_or(errors.len());
                    errors.insert(at, e);
                }
                (None, None) => {}
            }
        });
    }

    /// Saves what is typed for the current reply target (browser-only: from
    /// an effect or handler).
    pub fn save_draft(&self) {
        let draft = self.draft();
        let key = keys::draft(self.post, self.parent());
        if draft == CommentDraft::default() {
            device_store::remove(&key);
        } else {
            device_store::save(&key, &draft);
        }
    }

    /// Restores the draft of a reply target: its comment text, and name,
    /// email and website when this target has them (else what is typed stays).
    pub fn restore_draft(&self, parent: u64) {
        let draft: CommentDraft =
            device_store::load(&keys::draft(self.post, parent)).unwrap_or_default();
        self.content.set(draft.content);
        for (signal, value) in [
            (self.name, draft.name),
            (self.email, draft.email),
            (self.url, draft.url),
        ] {
            if !value.is_empty() {
                signal.set(value);
            }
        }
    }

    /// Moves the form to another reply target, keeping both drafts.
    pub fn retarget(&self, target: Option<ReplyTarget>) {
        self.save_draft();
        let parent = target.as_ref().map_or(0, |t| t.id);
        self.reply_to.set(target);
        self.errors.set(Vec::new());
        self.submitted.set(false);
        self.problem.set(None);
        self.restore_draft(parent);
    }

    /// Loads what this device keeps: remembered commenter, held comments,
    /// the draft of the main form.
    pub fn load_from_device(&self) {
        if let Some(c) = device_store::load::<Commenter>(keys::COMMENTER) {
            self.name.set(c.name);
            self.email.set(c.email);
            self.url.set(c.url);
            self.remember.set(true);
        }
        if let Some(held) = device_store::load::<Vec<Comment>>(&keys::held(self.post)) {
            self.mine.set(held);
        }
        self.restore_draft(0);
    }

    /// Keeps or forgets the commenter, as the consent box says.
    pub fn apply_consent(&self) {
        if self.remember.get_untracked() {
            device_store::save(
                keys::COMMENTER,
                &Commenter {
                    name: self.name.get_untracked().trim().to_string(),
                    email: self.email.get_untracked().trim().to_string(),
                    url: self.url.get_untracked().trim().to_string(),
                },
            );
        } else {
            device_store::remove(keys::COMMENTER);
        }
    }

    /// A submit: the draft checked (its problems shown, the summary
    /// focused), else posted and WordPress's answer taken in. `posted` is
    /// told where the new comment is and what it replied to.
    pub fn submit(self, posted: fn(String, u64)) {
        if self.posting.get_untracked() {
            return;
        }
        let draft = self.draft();
        let errors = validate(&draft);
        self.submitted.set(true);
        self.problem.set(None);
        if !errors.is_empty() {
            self.errors.set(errors);
            self.focus_summary.update(|n| *n += 1);
            return;
        }
        self.errors.set(Vec::new());
        self.posting.set(true);
        self.status.set("Posting your comment…".to_string());
        let request = draft.to_new_comment(self.post, self.parent());
        spawn_local(async move {
            let password = self.of.with_value(|of| of.password.clone());
            let result = send(&request, password.as_deref()).await;
            self.posting.set(false);
            self.settle(
                match result {
                    Ok(body) => outcome_from_success(201, &body),
                    Err(e) => PostOutcome::Rejected(problem_from_error(&e)),
                },
                posted,
            );
        });
    }

    /// WordPress's answer to a post: the comment shown (or kept while held)
    /// and the form back to the main one, or the problem in the summary.
    fn settle(self, outcome: PostOutcome, posted: fn(String, u64)) {
        match outcome {
            PostOutcome::Approved(comment) | PostOutcome::Held(comment) => {
                let anchor = comment.anchor();
                let held = !comment.is_approved();
                self.apply_consent();
                self.clear_after_post();
                if held {
                    self.keep_held(comment);
                } else {
                    self.mine.update(|m| m.push(comment));
                }
                let replied_to = self.parent();
                // Back to the main form, with its own draft if it had one.
                self.retarget(None);
                self.status.set(if held {
                    "Your comment was sent and is awaiting moderation.".to_string()
                } else {
                    "Your comment has been published.".to_string()
                });
                posted(anchor, replied_to);
            }
            PostOutcome::Rejected(problem) => {
                if problem.kind == ProblemKind::LoginRequired {
                    if let Some(hint) = problem.owner_hint() {
                        web_sys::console::error_1(&hint.into());
                    }
                }
                web_sys::console::warn_1(&format!("comment not posted: {}", problem.detail).into());
                self.status.set(String::new());
                self.problem.set(Some(problem));
                self.focus_summary.update(|n| *n += 1);
            }
        }
    }

    /// After a successful post: the comment text goes, its draft too.
    pub fn clear_after_post(&self) {
        device_store::remove(&keys::draft(self.post, self.parent()));
        self.content.set(String::new());
        self.errors.set(Vec::new());
        self.submitted.set(false);
        self.problem.set(None);
        if !self.remember.get_untracked() {
            for signal in [self.name, self.email, self.url] {
                signal.set(String::new());
            }
        }
        self.save_draft();
    }

    /// Keeps a held comment on the device until the API shows it approved.
    pub fn keep_held(&self, comment: Comment) {
        self.mine.update(|mine| mine.push(comment));
        self.store_held();
    }

    /// Drops held comments that the API now lists (approved).
    pub fn forget_published(&self, listed: &[Comment]) {
        let before = self.mine.with_untracked(Vec::len);
        self.mine
            .update(|mine| mine.retain(|m| !listed.iter().any(|c| c.id == m.id)));
        if self.mine.with_untracked(Vec::len) != before {
            self.store_held();
        }
    }

    fn store_held(&self) {
        let held: Vec<Comment> = self
            .mine
            .get_untracked()
            .into_iter()
            .filter(|c| !c.is_approved())
            .collect();
        let key = keys::held(self.post);
        if held.is_empty() {
            device_store::remove(&key);
        } else {
            device_store::save(&key, &held);
        }
    }
}

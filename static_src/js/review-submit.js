/* "Freigabe erbitten" (templates/prozesse/admin/submit_for_review.html): the dialog's message
   goes into the edit form's hidden field only when the editor confirms. The textarea itself is
   not part of the form, so typing the message does not start Wagtail's autosave, which could
   otherwise run at the same moment as the submission. */
document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-review-submit-confirm]");
    if (!button) return;
    const source = document.getElementById(button.dataset.reviewMessageSource);
    const target = document.getElementById(button.dataset.reviewMessageTarget);
    if (source && target) target.value = source.value;
});

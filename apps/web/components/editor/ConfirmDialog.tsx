"use client";

import { type ReactNode, useEffect, useId, useRef } from "react";

/**
 * A modal question before an action that hides or loses something. The browser's modal dialog keeps the
 * focus inside and closes on Escape; the safe answer has the focus first, and the focus goes back to the
 * button that asked when the question is dismissed.
 */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  confirmLabel: string;
  cancelLabel?: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** The consequences, read out as the dialog's description. */
  description: ReactNode;
  /** More to fill in before answering (a note for the history). */
  children?: ReactNode;
  testId?: string;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const bodyId = useId();
  const { open, onCancel } = props;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    // Escape closes the dialog natively; the owner hears it as a cancel.
    const onNativeCancel = (event: Event) => {
      event.preventDefault();
      onCancel();
    };
    const onClose = () => {
      const target = returnFocus.current;
      returnFocus.current = null;
      if (target?.isConnected) target.focus();
    };
    dialog.addEventListener("cancel", onNativeCancel);
    dialog.addEventListener("close", onClose);
    return () => {
      dialog.removeEventListener("cancel", onNativeCancel);
      dialog.removeEventListener("close", onClose);
    };
  }, [onCancel]);

  return (
    <dialog
      ref={dialogRef}
      className="confirm-dialog"
      aria-labelledby={open ? titleId : undefined}
      aria-describedby={open ? bodyId : undefined}
      data-testid={props.testId}
    >
      {/* Nothing inside while closed: a closed dialog's fields are not the page's. */}
      {open && (
        <>
          <h2 id={titleId}>{props.title}</h2>
          <div id={bodyId}>{props.description}</div>
          {props.children}
          <div className="button-row">
            <button type="button" className="danger-solid" onClick={props.onConfirm} disabled={props.busy}>
              {props.busy ? "Working…" : props.confirmLabel}
            </button>
            <button
              type="button"
              className="secondary"
              ref={cancelRef}
              onClick={onCancel}
              disabled={props.busy}
            >
              {props.cancelLabel ?? "Cancel"}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}

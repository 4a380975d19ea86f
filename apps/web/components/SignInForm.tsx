"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useMutation } from "urql";
import { graphql } from "../lib/graphql";

const LOGIN_MUTATION = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      __typename
      ... on LoginSuccess {
        viewer {
          email
          role
        }
      }
      ... on InvalidCredentialsError {
        message
      }
      ... on TooManyAttemptsError {
        message
        retryAfterSeconds
      }
    }
  }
`);

function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

export function SignInForm({ next }: { next: string }) {
  const router = useRouter();
  const [{ fetching }, login] = useMutation(LOGIN_MUTATION);
  const [error, setError] = useState<string | null>(null);
  const [retryUntil, setRetryUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const errorRef = useRef<HTMLDivElement>(null);

  // A countdown while sign-in is throttled, so the editor knows when to try again.
  useEffect(() => {
    if (retryUntil === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [retryUntil]);
  const secondsLeft = retryUntil === null ? 0 : Math.max(0, Math.ceil((retryUntil - now) / 1000));

  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    const result = await login({
      email: String(form.get("email") ?? "").trim(),
      password: String(form.get("password") ?? ""),
    });
    const outcome = result.data?.login;
    if (result.error || !outcome) {
      setError(`Could not sign in: ${result.error?.message ?? "no answer from the API"}.`);
      return;
    }
    switch (outcome.__typename) {
      case "LoginSuccess":
        router.push(next);
        router.refresh();
        return;
      case "InvalidCredentialsError":
        setError(outcome.message);
        return;
      case "TooManyAttemptsError":
        setRetryUntil(Date.now() + outcome.retryAfterSeconds * 1000);
        setNow(Date.now());
        setError(`${outcome.message} Try again in ${waitText(outcome.retryAfterSeconds)}.`);
        return;
    }
  };

  const throttled = secondsLeft > 0;
  return (
    <form className="stack-form" onSubmit={submit} aria-describedby={error ? "signin-error" : undefined}>
      {error && (
        <div id="signin-error" className="error" role="alert" tabIndex={-1} ref={errorRef}>
          {error}
          {throttled && <span data-testid="retry-countdown"> ({secondsLeft} s left)</span>}
        </div>
      )}
      <div className="field">
        <label htmlFor="signin-email">E-mail</label>
        <input id="signin-email" name="email" type="email" autoComplete="username" required />
      </div>
      <div className="field">
        <label htmlFor="signin-password">Password</label>
        <input
          id="signin-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
      </div>
      <div>
        <button type="submit" disabled={fetching || throttled}>
          {fetching ? "Signing in…" : "Sign in"}
        </button>
      </div>
    </form>
  );
}

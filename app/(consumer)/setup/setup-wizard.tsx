"use client";
import { useCallback, useState } from "react";
import { Stepper } from "@/components/setup/stepper";
import type {
  AccountInput,
  CodeCheck,
  PairingStatusView,
  PairingTicket,
  PasswordRule,
} from "@/lib/onboarding/contract";
import type { Failure } from "./action-result";
import { AccountStep } from "./account-step";
import { CodeStep } from "./code-step";
import { DoneStep } from "./done-step";
import { PairingStep } from "./pairing-step";
import { RepairStep } from "./repair-step";
import { forgetPairing, pairingOf, readSavedPairing, savePairing, type SavedPairing } from "./saved-pairing";
import { TermsStep } from "./terms-step";

/**
 * The whole setup lives in this component's memory: the password from the account step to the claim, the QR
 * secret from the claim to the QR. Only the claim and device (never a secret) go into the history entry, so a
 * reload offers a new QR for the password instead of starting over.
 */
type WizardState =
  | { step: "code"; code: string; fromLabel: boolean }
  | { step: "account"; check: CodeCheck; code: string; account: AccountInput | null; failure: Failure | null }
  | { step: "terms"; check: CodeCheck; code: string; account: AccountInput }
  | { step: "repair"; check: CodeCheck; code: string }
  | { step: "pairing"; flow: Flow; pairing: SavedPairing; ticket: PairingTicket | null }
  | { step: "done"; flow: Flow; pairing: SavedPairing; connected: PairingStatusView };

type Flow = "claim" | "repair";

const STEP_LABELS: Record<Flow, readonly string[]> = {
  claim: ["Device code", "Account", "Terms", "Pairing", "Done"],
  repair: ["Device code", "Sign in", "Pairing", "Done"],
};

function stepperPosition(state: WizardState): { flow: Flow; index: number } {
  switch (state.step) {
    case "code":
      return { flow: "claim", index: 0 };
    case "account":
      return { flow: "claim", index: 1 };
    case "terms":
      return { flow: "claim", index: 2 };
    case "repair":
      return { flow: "repair", index: 1 };
    case "pairing":
      return { flow: state.flow, index: STEP_LABELS[state.flow].length - 2 };
    case "done":
      return { flow: state.flow, index: STEP_LABELS[state.flow].length - 1 };
  }
}

/** Where the wizard starts: the box label's code, or a pairing this tab was showing before a reload. */
export interface WizardStart {
  codeFromLabel: string | null;
}

function initialState(start: WizardStart): WizardState {
  const saved = readSavedPairing();
  if (saved && !start.codeFromLabel) return { step: "pairing", flow: "claim", pairing: saved, ticket: null };
  return { step: "code", code: start.codeFromLabel ?? "", fromLabel: Boolean(start.codeFromLabel) };
}

export function SetupWizard({ rule, start }: { rule: PasswordRule; start: WizardStart }) {
  const [state, setStep] = useState<WizardState>(() => initialState(start));
  // Focus follows the step once the consumer has moved; the first step shown keeps the page's natural focus.
  const [focusHeading, setFocusHeading] = useState(false);
  const setState = useCallback((next: WizardState | ((current: WizardState) => WizardState)) => {
    setFocusHeading(true);
    setStep(next);
  }, []);

  const restart = useCallback(() => {
    forgetPairing();
    setState({ step: "code", code: "", fromLabel: false });
  }, [setState]);

  const showTicket = useCallback(
    (flow: Flow, ticket: PairingTicket) => {
      const pairing = pairingOf(ticket);
      savePairing(pairing);
      setState({ step: "pairing", flow, pairing, ticket });
    },
    [setState],
  );

  const onConnected = useCallback(
    (status: PairingStatusView) => {
      forgetPairing();
      setState((current) =>
        current.step === "pairing"
          ? {
              step: "done",
              flow: current.flow,
              pairing: current.pairing,
              connected: { ...status, connectedAt: status.connectedAt ?? new Date().toISOString() },
            }
          : current,
      );
    },
    [setState],
  );

  const position = stepperPosition(state);
  return (
    <div className="flex flex-col gap-6">
      <Stepper steps={STEP_LABELS[position.flow]} current={position.index} />
      {state.step === "code" ? (
        <CodeStep
          initialCode={state.code}
          fromLabel={state.fromLabel}
          focusHeading={focusHeading}
          onChecked={(check, code) =>
            setState(
              check.next === "already_set_up"
                ? { step: "repair", check, code }
                : { step: "account", check, code, account: null, failure: null },
            )
          }
        />
      ) : null}
      {state.step === "account" ? (
        <AccountStep
          rule={rule}
          check={state.check}
          code={state.code}
          initial={state.account}
          failure={state.failure}
          focusHeading={focusHeading}
          onBack={() => setState({ step: "code", code: state.code, fromLabel: false })}
          onContinue={(account) => setState({ step: "terms", check: state.check, code: state.code, account })}
        />
      ) : null}
      {state.step === "terms" ? (
        <TermsStep
          check={state.check}
          code={state.code}
          account={state.account}
          focusHeading={focusHeading}
          onBack={() => setState({ ...state, step: "account", failure: null })}
          onClaimed={(ticket) => showTicket("claim", ticket)}
          onAccountRejected={(failure) => setState({ ...state, step: "account", failure })}
          onRestart={restart}
        />
      ) : null}
      {state.step === "repair" ? (
        <RepairStep
          check={state.check}
          code={state.code}
          focusHeading={focusHeading}
          onBack={() => setState({ step: "code", code: state.code, fromLabel: false })}
          onTicket={(ticket) => showTicket("repair", ticket)}
        />
      ) : null}
      {state.step === "pairing" ? (
        <PairingStep
          pairing={state.pairing}
          ticket={state.ticket}
          focusHeading={focusHeading}
          onTicket={(ticket) => showTicket(state.flow, ticket)}
          onConnected={onConnected}
          onRestart={restart}
        />
      ) : null}
      {state.step === "done" ? (
        <DoneStep
          pairing={state.pairing}
          connected={state.connected}
          focusHeading={focusHeading}
          onRestart={restart}
        />
      ) : null}
    </div>
  );
}

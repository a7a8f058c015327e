/** Shows a secret once, with a copy button and a warning that it cannot be shown again. */
import { useId, useState } from "react";
import { Button } from "./forms";

export function SecretBox({ label, secret, warning }: { label: string; secret: string; warning: string }) {
  const [copied, setCopied] = useState<"idle" | "done" | "failed">("idle");
  const id = useId();
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied("done");
    } catch {
      setCopied("failed");
    }
  }
  return (
    <div className="secret">
      <p className="warning-text">
        <strong>
          <span className="visually-hidden">Warning: </span>
          {warning}
        </strong>
      </p>
      <label htmlFor={id}>{label}</label>
      <div className="secret__row">
        <input id={id} className="secret__value" readOnly value={secret} onFocus={(event) => event.currentTarget.select()} />
        <Button variant="secondary" onClick={copy}>
          Copy to clipboard
        </Button>
      </div>
      <p role="status" className="hint">
        {copied === "done" ? "Copied." : copied === "failed" ? "Copying did not work; select the text and copy it yourself." : ""}
      </p>
    </div>
  );
}

import { isValidElement, type ReactElement } from "react";

/**
 * Everything a server page hands to the browser, as text, without a React renderer: function components are
 * called (awaited when async) until only host elements remain; a component that cannot run outside React (a client
 * component with hooks) contributes its props instead, which is exactly what the server serialises for it.
 */
export async function renderText(node: unknown): Promise<string> {
  const parts: string[] = [];
  await walk(await node, parts);
  return parts.join("\n");
}

async function walk(node: unknown, parts: string[]): Promise<void> {
  if (node === null || node === undefined || typeof node === "boolean") return;
  if (typeof node === "string" || typeof node === "number" || typeof node === "bigint") {
    parts.push(String(node));
    return;
  }
  if (node instanceof Date) {
    parts.push(node.toISOString());
    return;
  }
  if (Array.isArray(node)) {
    for (const child of node) await walk(child, parts);
    return;
  }
  if (node instanceof Promise) {
    await walk(await node, parts);
    return;
  }
  if (isValidElement(node)) {
    const element = node as ReactElement<Record<string, unknown>>;
    if (typeof element.type === "function") {
      try {
        await walk(await (element.type as (props: unknown) => unknown)(element.props), parts);
        return;
      } catch {
        // A client component: fall through to its props.
      }
    }
    for (const [key, value] of Object.entries(element.props)) {
      if (key !== "children" && typeof value !== "function" && typeof value !== "object")
        parts.push(String(value));
      else if (key !== "children" && typeof value === "object") await walk(value, parts);
    }
    await walk(element.props.children, parts);
    return;
  }
  if (typeof node === "object") {
    for (const value of Object.values(node as Record<string, unknown>)) await walk(value, parts);
  }
}

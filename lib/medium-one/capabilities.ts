/**
 * What each kind of Medium One session may do (design §6). Sessions refuse an operation outside their kind
 * before sending anything, and the app asks `session.can(op)` to adapt its UI and CLI instead of failing later.
 */
export type AccountKind = "business" | "registration" | "device-user";

export const OPERATIONS = [
  "createUser",
  "getUser",
  "listUsers",
  "patchUser",
  "deleteUser",
  "readEvents",
  "getSelf",
  "changeOwnPassword",
  "sendOwnEvents",
] as const;

export type Operation = (typeof OPERATIONS)[number];

export const CAPABILITIES: Readonly<Record<AccountKind, readonly Operation[]>> = {
  business: ["createUser", "getUser", "listUsers", "patchUser", "deleteUser", "readEvents"],
  registration: ["createUser"],
  "device-user": ["getSelf", "changeOwnPassword", "sendOwnEvents"],
};

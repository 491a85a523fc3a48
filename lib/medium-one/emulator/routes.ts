import { login } from "./auth";
import type { EmulatorContext, EmulatorRequest } from "./context";
import { getEvents, postEvents } from "./events";
import { error, type EmulatorResponse } from "./http";
import { createUser, deleteUser, getUser, listUsers, patchUser } from "./users";

const NOT_FOUND = error(404, "Not found");

/** Dispatches a request below /v2 (trailing slashes already dropped, segments decoded). */
export function route(context: EmulatorContext, request: EmulatorRequest): EmulatorResponse {
  const [resource, first, second, ...rest] = request.segments;
  const method = request.method;
  if (resource === "login" && first === undefined && method === "POST") return login(context, request);
  if (resource === "users" && second === undefined) {
    if (first === undefined) {
      if (method === "POST") return createUser(context, request);
      if (method === "GET") return listUsers(context, request);
      return NOT_FOUND;
    }
    if (method === "GET") return getUser(context, request, first);
    if (method === "PATCH") return patchUser(context, request, first);
    if (method === "DELETE") return deleteUser(context, request, first);
    return NOT_FOUND;
  }
  if (resource === "events" && first !== undefined && rest.length === 0) {
    if (method === "POST") return postEvents(context, request, first, second);
    if (method === "GET") return getEvents(context, request, first, second);
  }
  return NOT_FOUND;
}

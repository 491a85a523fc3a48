import { deviceRoute } from "@/lib/pairing/device-route";

export const dynamic = "force-dynamic";
export const POST = deviceRoute("hello");

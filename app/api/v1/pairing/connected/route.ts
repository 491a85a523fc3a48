import { deviceRoute } from "@/lib/pairing/app-device-route";

export const dynamic = "force-dynamic";
export const POST = deviceRoute("connected");

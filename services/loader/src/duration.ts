export { durationMs } from "@ecomstream/runtime";

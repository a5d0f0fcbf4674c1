export { createServingPool, inTransaction } from "@ecomstream/runtime";

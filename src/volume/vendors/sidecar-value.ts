/** A BIDS sidecar value as the vendor `…SidecarFields` functions return it. */
export type SidecarValue = number | string | boolean | readonly number[];

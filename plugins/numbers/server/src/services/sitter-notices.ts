/** What happened to a sitter that the sitter should hear about (OPS §4.1: "You've been activated. Your masked number is …"). */
export type SitterNotice =
  | { kind: 'activated'; sitterUserId: number; e164: string }
  /** OPS §3.1 "After assignment: … sitter receives notification": a number assigned to them. */
  | { kind: 'number_assigned'; sitterUserId: number; e164: string }
  /** Their number went back to the pool: clients can no longer text them on it. */
  | { kind: 'number_released'; sitterUserId: number; e164: string };

/**
 * The port numbers tells about a sitter's number (messaging fills it at bootstrap and writes the notice into the
 * sitter's Admin team thread). Called after the change has committed, so a notice never tells of a rolled-back change.
 */
export interface SitterNotices {
  notify(notice: SitterNotice): Promise<void>;
}

const sitterNotices = () => {
  // Until messaging fills the port there is nowhere to tell the sitter.
  let port: SitterNotices = { notify: async () => {} };
  return {
    /** Called once by messaging's bootstrap. */
    fill(implementation: SitterNotices): void {
      port = implementation;
    },
    notify: (notice: SitterNotice) => port.notify(notice),
  };
};

export type SitterNoticesService = ReturnType<typeof sitterNotices>;
export default sitterNotices;

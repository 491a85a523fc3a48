export const STAFF_PAGE = "/support/staff";

// What CONFLICT means where the caller sent the version it last saw: someone else saved first.

const reloadHint = 'Reload to see the latest version, then try again.'

export const SUITE_CONFLICT = `Someone changed this suite while you were looking at it. ${reloadHint}`
export const GROUP_CONFLICT = `Someone changed this group while you were looking at it. ${reloadHint}`
export const CASE_CONFLICT = `Someone changed this case while you were looking at it. ${reloadHint}`
export const USER_CONFLICT = `Someone changed this user while you were looking at it. ${reloadHint}`

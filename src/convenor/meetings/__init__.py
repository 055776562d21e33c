"""Meetings of bodies and joint sessions: agendas, papers, attendance, decisions, actions."""

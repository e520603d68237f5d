DROP TABLE tasks;
DROP TABLE milestones;
DROP TABLE project_members;
DROP TABLE projects;
DROP TABLE client_invitations;
DROP TABLE client_members;
DROP TABLE clients;
